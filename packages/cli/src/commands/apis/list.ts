import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {API_TYPES} from '../../lib/catalog/index.js'
import {listApis} from '../../lib/apis/index.js'
import {forEachTarget, targets} from '../../lib/fleet/index.js'
import {failedTargetsExit, fleetFlags} from '../../cli/fleet-flags.js'

export default class ApisList extends ApigwCommand {
  static summary = 'list REST, HTTP and WebSocket APIs in the region'
  static description = 'Lists REST APIs (GetRestApis, pages of 500) and HTTP/WebSocket APIs (GetApis) together, sorted by name. Warns on stderr when two REST APIs share a name, because their CloudWatch metrics are merged.'
  static examples = [
    'apigw apis list',
    'apigw apis list --type http --name "shop-*"',
    "apigw apis list --json --query 'apis[].id'",
    'apigw apis list --regions all --profiles prod,staging',
  ]

  static flags = {
    type: Flags.option({options: API_TYPES, description: 'only APIs of this kind'})(),
    name: Flags.string({description: 'only APIs whose name matches this glob (* and ?, case-sensitive)'}),
    ...fleetFlags(),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(ApisList)
    const fleet = targets({regions: flags.regions, profiles: flags.profiles})
    if (fleet) return this.fleet(fleet, {type: flags.type, name: flags.name}, flags.strict)
    const result = await listApis(await this.session(), {type: flags.type, name: flags.name})
    for (const warning of result.warnings) this.warning(warning)
    await this.emit({data: {apis: result.apis}, view: async () => (await import('../../cli/ui/apis-view.js')).apisListTable})
  }

  /** --regions, --profiles: every target's APIs in one list, with account and region. */
  private async fleet(specs: NonNullable<ReturnType<typeof targets>>, options: Parameters<typeof listApis>[1], strict: boolean): Promise<void> {
    const run = await forEachTarget(specs, (spec) => this.targetSession(spec), (session) => listApis(session, options))
    const apis = run.results.flatMap(({target, result}) => result.apis.map((api) => ({account: target.account, region: target.region, profile: target.profile, ...api})))
    for (const {target, result} of run.results) for (const warning of result.warnings) this.warning(`${target.region}: ${warning}`)
    const exit = failedTargetsExit(run, strict, (message) => this.warning(message))
    await this.emit({data: {apis, targets: run.targets}, view: async () => (await import('../../cli/ui/fleet-targets-view.js')).fleetApisTable})
    if (exit !== undefined) this.exit(exit)
  }
}
