import {Args, Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {showKey} from '../../lib/keys/index.js'

export default class KeysShow extends ApigwCommand {
  static summary = "show an API key's settings, usage plans, tags and stage keys"
  static description =
    "Shows a key named by id or name: enabled, customer id, the usage plans it is in, tags and stage keys. The value only with --show-value (under GitHub Actions it is masked with ::add-mask:: before anything is printed)."
  static examples = ['apigw keys show partner-acme', 'apigw keys show a1b2c3d4e5 --show-value --json']

  static args = {key: Args.string({description: 'API key id or name', required: true})}

  static flags = {
    'show-value': Flags.boolean({description: "print the key's value"}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(KeysShow)
    const result = await showKey(await this.session(), args.key, {showValue: flags['show-value']})
    if (result.key.value !== undefined) this.maskSecrets([result.key.value])
    await this.emit({data: result, view: async () => (await import('../../cli/ui/keys-view.js')).keyShowView})
  }
}
