import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags, stageTargetFlags} from '../../cli/flags.js'
import {domainFlag, pathFlag} from '../../cli/domains-flags.js'
import {prepareMap} from '../../lib/domains/index.js'

export default class DomainsMap extends ApigwCommand {
  static summary = "map a free path of a custom domain to an API's stage"
  static description =
    "Maps --path of --domain to a deployed stage of any kind of API: a REST API under a one-level path with CreateBasePathMapping, anything else (HTTP, WebSocket, multi-level paths) with CreateApiMapping. The stage must exist and run a deployment (exit 4, exit 5). A path already mapped is refused (exit 5): move it with `domains switch`. --path '' (or \"(none)\") is the domain's root."

  static examples = [
    'apigw domains map --domain api.example.com --path orders --api shop --stage prod',
    "apigw domains map --domain api.example.com --path '' --api shop-http --stage prod --dry-run",
  ]

  static flags = {domain: domainFlag, path: pathFlag, ...stageTargetFlags('any'), ...changeFlags}

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(DomainsMap)
    const prepared = await prepareMap(await this.session(), {domain: flags.domain, path: flags.path, api: flags.api, stage: flags.stage})
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/domains-view.js')).mappingChangedView})
  }
}
