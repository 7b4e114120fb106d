import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags, keyArg} from '../../cli/flags.js'
import {prepareKeySwitch} from '../../lib/keys/index.js'

export default class KeysEnable extends ApigwCommand {
  static summary = 'enable an API key'
  static description = 'Enables a key (UpdateApiKey replace /enabled): it works again in every usage plan it is in. A key already enabled is left as it is (exit 0).'
  static examples = ['apigw keys enable partner-acme', 'apigw keys enable a1b2c3d4e5 --json']

  static args = {key: keyArg}
  static flags = {...changeFlags}

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(KeysEnable)
    const prepared = await prepareKeySwitch(await this.session(), args.key, true)
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/keys-view.js')).keySwitchedView})
  }
}
