import {KeySwitchCommand, keySwitchArgs, keySwitchFlags} from '../../cli/key-switch-command.js'

export default class KeysEnable extends KeySwitchCommand {
  static summary = 'enable an API key'
  static description = 'Enables a key (UpdateApiKey replace /enabled): it works again in every usage plan it is in. A key already enabled is left as it is (exit 0).'
  static examples = ['apigw keys enable partner-acme', 'apigw keys enable a1b2c3d4e5 --json']

  static args = keySwitchArgs
  static flags = keySwitchFlags

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(KeysEnable)
    await this.switchKey(args.key, true, flags['dry-run'])
  }
}
