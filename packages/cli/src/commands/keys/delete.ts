import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags, keyArg} from '../../cli/flags.js'
import {prepareKeyDeletion} from '../../lib/keys/index.js'

export default class KeysDelete extends ApigwCommand {
  static summary = 'delete an API key for good'
  static description =
    "Deletes a key (DeleteApiKey); AWS removes it from every usage plan, and its value is gone for good. Asks you to type the key's name on a terminal; elsewhere it needs --confirm <name or id>. Warns when the key is still enabled and in usage plans: apigw keys disable is the reversible way to stop it."
  static examples = ['apigw keys delete partner-old', 'apigw keys delete a1b2c3d4e5 --confirm a1b2c3d4e5', 'apigw keys delete partner-old --dry-run']

  static args = {key: keyArg}

  static flags = {
    confirm: Flags.string({description: "the key's name or id, to confirm the deletion without a prompt"}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(KeysDelete)
    const deletion = await prepareKeyDeletion(await this.session(), args.key, flags.confirm)
    await this.applyChange(deletion, {dryRun: flags['dry-run'], confirmFlag: flags.confirm, view: async () => (await import('../../cli/ui/keys-view.js')).keyDeletedView})
  }
}
