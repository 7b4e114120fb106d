import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags, keyArg, usagePlanArg} from '../../cli/flags.js'
import {prepareDetach} from '../../lib/usage-plans/index.js'

export default class PlansDetach extends ApigwCommand {
  static summary = 'remove an API key from a usage plan; the key stays'
  static description = "DeleteUsagePlanKey. The key loses access to the plan's API stages at once, so it needs --yes without a terminal. Prints the command that undoes it."
  static examples = ['apigw plans detach gold partner', 'apigw plans detach a1b2c3 k1l2m3n4o5 --yes']

  static args = {plan: usagePlanArg, key: keyArg}
  static flags = {...changeFlags}

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(PlansDetach)
    const prepared = await prepareDetach(await this.session(), {plan: args.plan, key: args.key})
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/plans-view.js')).planMembershipView})
  }
}
