import {Args} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags} from '../../cli/flags.js'
import {prepareKeyImport, readKeyFile} from '../../lib/keys/index.js'

export default class KeysImport extends ApigwCommand {
  static summary = "create API keys from a CSV file in AWS's format"
  static description =
    "Reads AWS's API key file (a header naming Name and Key, optionally Description, Enabled, UsagePlanIds, in any order and case) and checks every row first: value 20–128 characters (a warning under 30), Enabled true or false, usage plans that exist and accept the key, no value twice in the file or already on another key. Any problem: all are listed with their lines and nothing is created (exit 2). Then one ImportApiKeys call, which fails whole on any warning. Prints the keys created, never their values."
  static examples = ['apigw keys import partners.csv', 'apigw keys import partners.csv --dry-run', 'apigw keys import partners.csv --json']

  static args = {file: Args.string({description: 'CSV file: Name,Key[,Description,Enabled,UsagePlanIds]', required: true})}
  static flags = {...changeFlags}

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(KeysImport)
    const keyFile = await readKeyFile(args.file)
    this.maskSecrets(keyFile.keys.map((key) => key.value).filter(Boolean))
    const keyImport = await prepareKeyImport(await this.session(), keyFile)
    await this.applyChange(keyImport, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/keys-view.js')).keysImportedView})
  }
}
