import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags} from '../../cli/flags.js'
import {prepareCreate} from '../../lib/usage-plans/index.js'
import {parseApiStage, parseQuotaFlag, parseThrottleFlag, type UsagePlanQuota, type UsagePlanThrottle} from '../../lib/usage-plans/index.js'

export default class PlansCreate extends ApigwCommand {
  static summary = 'create a usage plan for REST API stages'
  static description =
    'CreateUsagePlan. Each --stage names a REST API (id or name) and one of its stages, checked before anything is created; HTTP and WebSocket APIs have no usage plans (exit 2). Attach keys afterwards with apigw plans attach.'
  static examples = [
    'apigw plans create --name gold --throttle 100:200 --quota 100000/month --stage shop:prod',
    'apigw plans create --name free --quota 1000/day --stage shop:prod --stage shop:beta --dry-run',
  ]

  static flags = {
    name: Flags.string({description: 'name of the plan', required: true}),
    description: Flags.string({description: 'what the plan is for'}),
    throttle: Flags.string({description: 'rate:burst, requests per second (may be a fraction) and burst, e.g. 100:200'}),
    quota: Flags.string({description: 'limit/period, requests per day, week or month, e.g. 1000/day'}),
    stage: Flags.string({description: 'api:stage the plan covers, the API by id or name (repeatable)', multiple: true}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(PlansCreate)
    // Checked before the session exists: a malformed value never reaches AWS.
    const throttle = flags.throttle === undefined ? undefined : (parseThrottleFlag(flags.throttle) as UsagePlanThrottle)
    const quota = flags.quota === undefined ? undefined : (parseQuotaFlag(flags.quota) as UsagePlanQuota)
    const stages = (flags.stage ?? []).map((text: string) => parseApiStage(text, '--stage'))
    const prepared = await prepareCreate(await this.session(), {name: flags.name, description: flags.description, throttle, quota, stages})
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/plans-view.js')).planShowView})
  }
}
