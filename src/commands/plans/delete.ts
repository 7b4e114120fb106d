import {Flags} from '../../cli/oclif/command.js'
import {planFlags} from '../../cli/global-flags.js'
import {planArg, PlansCommand} from '../../cli/plans-command.js'
import {prepareDelete} from '../../lib/usage-plans/delete.js'

export default class PlansDelete extends PlansCommand {
  static summary = 'delete a usage plan; its keys lose access to its API stages'
  static description =
    'Removes the plan\'s API stages (UpdateUsagePlan: AWS deletes only a plan without stages), then DeleteUsagePlan. The keys stay but lose access. A plan with keys needs its name typed on a terminal, or --confirm <name>; one without keys needs --yes. Afterwards it prints the commands that recreate the plan and attach its keys again.'
  static examples = ['apigw plans delete gold', 'apigw plans delete a1b2c3 --confirm gold', 'apigw plans delete free --yes --dry-run']

  static args = {plan: planArg}

  static flags = {
    confirm: Flags.string({description: "the plan's name, to confirm deleting a plan that has keys without a prompt"}),
    ...planFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(PlansDelete)
    const prepared = await prepareDelete(await this.session(), args.plan)
    await this.change(prepared, {dryRun: flags['dry-run'], confirmFlag: flags.confirm, view: async () => (await import('../../lib/ui/plans-view.js')).planDeletedView})
  }
}
