import {ApigwCommand} from '../../cli/base-command.js'
import {readDomains} from '../../lib/domains/index.js'

export default class DomainsList extends ApigwCommand {
  static summary = 'list custom domain names with the stages each path reaches'
  static description =
    'Every custom domain name of the region (GetDomainNames) with its mappings (GetApiMappings): v1 base path mappings and v2 API mappings are one set, seen here together. For each: the endpoint type, TLS security policy, its certificate expiry (ACM DescribeCertificate, once per certificate, in the region its ARN names; unknown with the reason when ACM refuses), the DNS target, and per path the API and stage it reaches; a mapping to an API or stage that no longer exists is marked gone.'

  static examples = ['apigw domains list', "apigw domains list --json --query 'domains[].domainName'"]

  async run(): Promise<void> {
    await this.parseFlags(DomainsList)
    const {domains} = await readDomains(await this.session(), {certificates: true})
    await this.emit({data: {domains}, view: async () => (await import('../../cli/ui/domains-view.js')).domainsListView})
  }
}
