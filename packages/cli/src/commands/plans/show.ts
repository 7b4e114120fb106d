import {ApigwCommand} from '../../cli/base-command.js'
import {usagePlanArg} from '../../cli/flags.js'
import {showPlan} from '../../lib/usage-plans/index.js'

export default class PlansShow extends ApigwCommand {
  static summary = "show a usage plan: throttle, quota, API stages and keys"
  static description = "The plan's settings, its API stages with the APIs' names, and its keys (id, name, enabled; never their values)."
  static examples = ['apigw plans show gold', 'apigw plans show a1b2c3 --json']

  static args = {plan: usagePlanArg}

  async run(): Promise<void> {
    const {args} = await this.parseFlags(PlansShow)
    await this.emit({data: await showPlan(await this.session(), args.plan), view: async () => (await import('../../cli/ui/plans-view.js')).planShowView})
  }
}
