import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags} from '../../cli/flags.js'
import {domainFlag, pathFlag} from '../../cli/domains-flags.js'
import {prepareUnmap} from '../../lib/domains/index.js'

export default class DomainsUnmap extends ApigwCommand {
  static summary = 'remove the mapping of a path of a custom domain'
  static description =
    'DeleteBasePathMapping (a REST API under a one-level path) or DeleteApiMapping: requests to the path answer 404 afterwards. Destructive: asks on a terminal, needs --yes elsewhere. An unmapped path is exit 4.'

  static examples = ['apigw domains unmap --domain api.example.com --path orders', "apigw domains unmap --domain api.example.com --path '' --yes"]

  static flags = {domain: domainFlag, path: pathFlag, ...changeFlags}

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(DomainsUnmap)
    const prepared = await prepareUnmap(await this.session(), {domain: flags.domain, path: flags.path})
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/domains-view.js')).mappingChangedView})
  }
}
