import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags} from '../../cli/flags.js'
import {Args, Flags} from '../../cli/oclif/command.js'
import {prepareDeleteDomain} from '../../lib/domains/index.js'

export default class DomainsDelete extends ApigwCommand {
  static summary = 'delete a custom domain name and its mappings'
  static description =
    "One DeleteDomainName, which takes the domain's mappings with it: every path stops answering. Asks you to type the domain name on a terminal; elsewhere it needs --confirm <domain>."

  static examples = ['apigw domains delete api.example.com', 'apigw domains delete api.example.com --confirm api.example.com']

  static args = {domain: Args.string({description: 'the custom domain name', required: true})}

  static flags = {
    confirm: Flags.string({description: 'the domain name, to confirm the deletion without a prompt'}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(DomainsDelete)
    const prepared = await prepareDeleteDomain(await this.session(), {domain: args.domain})
    await this.applyChange(prepared, {dryRun: flags['dry-run'], confirmFlag: flags.confirm, view: async () => (await import('../../cli/ui/domains-view.js')).domainDeletedView})
  }
}
