import {ApigwCommand} from '../../cli/base-command.js'
import {Flags} from '../../cli/oclif/command.js'
import {listRotations} from '../../lib/keys/rotation-list.js'
import {usageDays} from '../../lib/keys/usage.js'

export default class KeysRotations extends ApigwCommand {
  static summary = "list API key rotations in progress, with both keys' recent use"
  static description =
    "Rotations are found in the keys' tags (one GetApiKeys listing), so this shows those started from any machine. For each: the old and new key, their usage plans, the grace deadline, and each key's requests per day (GetUsage over their plans): is anyone still using the old key? A rotation is in progress until `apigw keys rotate <key> --finalize`."
  static examples = ['apigw keys rotations', 'apigw keys rotations --since 30d --json']

  static flags = {
    since: Flags.string({description: 'how many days of use to show, e.g. 7d (GetUsage counts whole UTC days)', default: '7d'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(KeysRotations)
    const rotations = await listRotations(await this.session(), {days: usageDays(flags.since, '--since'), now: Date.now()})
    await this.emit({data: rotations, view: async () => (await import('../../lib/ui/rotation-view.js')).rotationsView})
  }
}
