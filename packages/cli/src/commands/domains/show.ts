import {ApigwCommand} from '../../cli/base-command.js'
import {Args} from '../../cli/oclif/command.js'
import {readDomains} from '../../lib/domains/index.js'

export default class DomainsShow extends ApigwCommand {
  static summary = 'show one custom domain name: certificate, TLS, DNS target, mappings'
  static description =
    "One custom domain name (GetDomainNames, GetApiMappings): endpoint type, status, TLS security policy, certificate ARN and its expiry (ACM DescribeCertificate in the region its ARN names: us-east-1 for an EDGE domain; when ACM refuses, unknown with the reason, and the command still succeeds), the DNS target (regional or CloudFront domain name and its Route 53 hosted zone), routing mode, mutual TLS truststore, and every path with the API and stage it reaches and, after a `domains switch`, where --back returns it."

  static examples = ['apigw domains show api.example.com', 'apigw domains show api.example.com --json']

  static args = {domain: Args.string({description: 'the custom domain name', required: true})}

  async run(): Promise<void> {
    const {args} = await this.parseFlags(DomainsShow)
    const {domains} = await readDomains(await this.session(), {domain: args.domain, certificates: true})
    await this.emit({data: domains[0], view: async () => (await import('../../cli/ui/domains-view.js')).domainShowView})
  }
}
