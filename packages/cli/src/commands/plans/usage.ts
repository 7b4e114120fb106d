import {ApigwCommand} from '../../cli/base-command.js'
import {Flags} from '../../cli/oclif/command.js'
import {usagePlanArg, usageWindowFlags, windowOf} from '../../cli/flags.js'
import {usageWindow} from '../../lib/usage-plans/index.js'
import {planUsage} from '../../lib/usage-plans/index.js'

export default class PlansUsage extends ApigwCommand {
  static summary = "daily requests of a usage plan's keys, and what is left of the quota"
  static description =
    'GetUsage from --since (a duration: the last N days, the last day included; or a date), or from --start, to --end (default today), UTC days. One line per key with a chart of its days, then the days; days AWS gave no figures for are shown as missing, not 0.'
  static examples = ['apigw plans usage gold', 'apigw plans usage gold --key partner --since 7d', 'apigw plans usage gold --since 2024-05-01 --json', 'apigw plans usage gold --start 2024-05-01 --end 2024-05-31']

  static args = {plan: usagePlanArg}

  static flags = {
    key: Flags.string({description: 'only this API key (id or name)'}),
    ...usageWindowFlags('30d'),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(PlansUsage)
    // Checked before the session exists: a malformed value never reaches AWS.
    const window = usageWindow(windowOf(flags), Date.now())
    const usage = await planUsage(await this.session(), {plan: args.plan, key: flags.key, ...window})
    await this.emit({data: usage, view: async () => (await import('../../cli/ui/plan-usage-view.js')).planUsageView})
  }
}
