import {ApigwCommand} from '../../cli/base-command.js'
import {reportToCi} from '../../cli/ci/index.js'
import {checkDomains} from '../../lib/domains/index.js'
import {ExitCode} from '../../lib/errors.js'

export default class DomainsCheck extends ApigwCommand {
  static summary = 'a CI check of custom domains: TLS, certificates, mappings to what no longer exists'
  static description =
    "Judges every custom domain name of the region: a TLS policy below 1.2 fails, a mapping to an API or stage that no longer exists fails, an expired certificate or one expiring within 30 days fails, with the days left (read from ACM; when ACM refuses, the expiry is unknown: a notice with the reason, which fails nothing). Stages of mapped APIs that no domain reaches are notices (the idle side of a blue/green pair is one). Exit 0 passed, exit 1 failed, as `metrics check`."

  static examples = ['apigw domains check', 'apigw domains check --json']

  async run(): Promise<void> {
    await this.parseFlags(DomainsCheck)
    const result = await checkDomains(await this.session())
    await this.emit({data: result, view: async () => (await import('../../cli/ui/domains-view.js')).domainCheckView})
    const exitCode = result.outcome === 'failed' ? ExitCode.negative : ExitCode.ok
    await reportToCi({command: 'domains check', result, exitCode})
    if (exitCode !== ExitCode.ok) this.exit(exitCode)
  }
}
