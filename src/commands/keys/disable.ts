import {KeySwitchCommand, keySwitchArgs, keySwitchFlags} from '../../cli/key-switch-command.js'

export default class KeysDisable extends KeySwitchCommand {
  static summary = 'disable an API key, cutting off its callers'
  static description =
    'Disables a key (UpdateApiKey replace /enabled): every request with it is refused at once, in every usage plan it is in. The confirmation names those plans and the customer; on a terminal it asks, elsewhere it needs --yes. A key already disabled is left as it is (exit 0). apigw keys enable undoes it.'
  static examples = ['apigw keys disable partner-acme', 'apigw keys disable a1b2c3d4e5 --yes', 'apigw keys disable partner-acme --dry-run']

  static args = keySwitchArgs
  static flags = keySwitchFlags

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(KeysDisable)
    await this.switchKey(args.key, false, flags['dry-run'])
  }
}
