import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags, keyArg} from '../../cli/flags.js'
import {prepareKeySwitch} from '../../lib/keys/index.js'

export default class KeysDisable extends ApigwCommand {
  static summary = 'disable an API key, cutting off its callers'
  static description =
    'Disables a key (UpdateApiKey replace /enabled): every request with it is refused at once, in every usage plan it is in. The confirmation names those plans and the customer; on a terminal it asks, elsewhere it needs --yes. A key already disabled is left as it is (exit 0). apigw keys enable undoes it.'
  static examples = ['apigw keys disable partner-acme', 'apigw keys disable a1b2c3d4e5 --yes', 'apigw keys disable partner-acme --dry-run']

  static args = {key: keyArg}
  static flags = {...changeFlags}

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(KeysDisable)
    const prepared = await prepareKeySwitch(await this.session(), args.key, false)
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/keys-view.js')).keySwitchedView})
  }
}
