import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags} from '../../cli/flags.js'
import {Args, Flags} from '../../cli/oclif/command.js'
import {prepareCreateDomain} from '../../lib/domains/index.js'

export default class DomainsCreate extends ApigwCommand {
  static summary = 'create a custom domain name (regional, TLS 1.2, by default)'
  static description =
    'One CreateDomainName (apigatewayv2; the domain serves REST, HTTP and WebSocket APIs alike) with an ACM certificate ARN, regional unless --endpoint edge, TLS 1.2 unless --tls 1.0, and an optional mutual TLS truststore (s3://bucket/key, regional with TLS 1.2 only). A domain that exists is refused (exit 5). Prints the DNS target to point an alias record at.'

  static examples = [
    'apigw domains create api.example.com --certificate-arn arn:aws:acm:us-east-1:123456789012:certificate/abc',
    'apigw domains create api.example.com --certificate-arn arn:aws:acm:eu-west-1:123456789012:certificate/abc --truststore-uri s3://certs/truststore.pem --dry-run',
  ]

  static args = {domain: Args.string({description: 'the custom domain name', required: true})}

  static flags = {
    'certificate-arn': Flags.string({description: "the ACM certificate's ARN (in us-east-1 for an edge domain)", required: true}),
    endpoint: Flags.option({options: ['regional', 'edge'] as const, description: 'endpoint type', default: 'regional' as const})(),
    tls: Flags.option({options: ['1.2', '1.0'] as const, description: 'lowest TLS version clients may use', default: '1.2' as const})(),
    'truststore-uri': Flags.string({description: 'mutual TLS: the truststore, s3://bucket/key'}),
    'truststore-version': Flags.string({description: "mutual TLS: the truststore object's S3 version", dependsOn: ['truststore-uri']}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(DomainsCreate)
    const prepared = await prepareCreateDomain(await this.session(), {
      domain: args.domain,
      certificateArn: flags['certificate-arn'],
      endpointType: flags.endpoint === 'edge' ? 'EDGE' : 'REGIONAL',
      securityPolicy: flags.tls === '1.0' ? 'TLS_1_0' : 'TLS_1_2',
      truststoreUri: flags['truststore-uri'],
      truststoreVersion: flags['truststore-version'],
    })
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/domains-view.js')).domainShowView})
  }
}
