import {ApigwCommand} from '../../cli/base-command.js'
import {usageWindowFlags, windowOf} from '../../cli/flags.js'
import {listRotations} from '../../lib/keys/index.js'
import {usageSpan} from '../../lib/keys/index.js'
import {usageWindow} from '../../lib/usage-plans/index.js'

export default class KeysRotations extends ApigwCommand {
  static summary = "list API key rotations in progress, with both keys' recent use"
  static description =
    "Rotations are found in the keys' tags (one GetApiKeys listing), so this shows those started from any machine. For each: the old and new key, their usage plans, the grace deadline, and each key's requests per day (GetUsage over their plans): is anyone still using the old key? A rotation is in progress until `apigw keys rotate <key> --finalize`."
  static examples = ['apigw keys rotations', 'apigw keys rotations --since 30d --json', 'apigw keys rotations --start 2026-11-01 --end 2026-11-14']

  static flags = {
    ...usageWindowFlags('7d'),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(KeysRotations)
    const now = Date.now()
    const {days, end} = usageSpan(usageWindow(windowOf(flags), now, '7d'))
    const rotations = await listRotations(await this.session(), {days, now, usageEnd: end})
    await this.emit({data: rotations, view: async () => (await import('../../cli/ui/rotation-view.js')).rotationsView})
  }
}
