import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags, keyArg, usagePlanArg} from '../../cli/flags.js'
import {prepareAttach} from '../../lib/usage-plans/index.js'

export default class PlansAttach extends ApigwCommand {
  static summary = "add an API key to a usage plan, giving it the plan's API stages"
  static description =
    "CreateUsagePlanKey, after checking AWS's rules locally (exit 5, nothing changed): the key is not in the plan already, is in fewer than 10 plans, and is in no other plan covering one of this plan's API stages. The key is then looked for in GetUsagePlanKeys: missing (another operator detached it meanwhile), exit 5 (CHANGED_MEANWHILE)."
  static examples = ['apigw plans attach gold partner', 'apigw plans attach a1b2c3 k1l2m3n4o5 --json']

  static args = {plan: usagePlanArg, key: keyArg}
  static flags = {...changeFlags}

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(PlansAttach)
    const prepared = await prepareAttach(await this.session(), {plan: args.plan, key: args.key})
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/plans-view.js')).planMembershipView})
  }
}
