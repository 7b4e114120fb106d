import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags, usagePlanArg} from '../../cli/flags.js'
import {parseApiStage, parseQuotaFlag, parseThrottleFlag} from '../../lib/usage-plans/index.js'
import {prepareSet} from '../../lib/usage-plans/index.js'

export default class PlansSet extends ApigwCommand {
  static summary = "change a usage plan's name, description, throttle, quota or API stages"
  static description =
    'Every change in ONE UpdateUsagePlan, then the plan is read back: a change that another one overwrote meanwhile is named and the command exits 5 (CHANGED_MEANWHILE). --throttle off and --quota off remove them. --add-stage is refused when a key of the plan is already in another plan covering that stage (AWS allows one plan per API stage per key). --remove-stage cuts the plan\'s keys off from that stage, so it needs --yes without a terminal. Prints the command that undoes it.'
  static examples = [
    'apigw plans set gold --throttle 50:100 --quota 50000/month',
    'apigw plans set gold --add-stage shop:beta --remove-stage shop:prod --yes',
    'apigw plans set gold --throttle off --quota off --dry-run',
  ]

  static args = {plan: usagePlanArg}

  static flags = {
    name: Flags.string({description: 'new name'}),
    description: Flags.string({description: 'new description'}),
    throttle: Flags.string({description: 'rate:burst, e.g. 100:200, or off'}),
    quota: Flags.string({description: 'limit/period, e.g. 1000/day, or off'}),
    'add-stage': Flags.string({description: 'api:stage to cover, the API by id or name (repeatable)', multiple: true}),
    'remove-stage': Flags.string({description: 'api:stage to stop covering (repeatable)', multiple: true}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(PlansSet)
    // Checked before the session exists: a malformed value never reaches AWS.
    const options = {
      plan: args.plan,
      name: flags.name,
      description: flags.description,
      throttle: flags.throttle === undefined ? undefined : parseThrottleFlag(flags.throttle, true),
      quota: flags.quota === undefined ? undefined : parseQuotaFlag(flags.quota, true),
      addStages: (flags['add-stage'] ?? []).map((text: string) => parseApiStage(text, '--add-stage')),
      removeStages: (flags['remove-stage'] ?? []).map((text: string) => parseApiStage(text, '--remove-stage')),
    }
    const prepared = await prepareSet(await this.session(), options)
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/plans-view.js')).planShowView})
  }
}
