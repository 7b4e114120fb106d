import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags, usagePlanArg} from '../../cli/flags.js'
import {prepareDelete, prepareDeleteUndo} from '../../lib/usage-plans/index.js'

export default class PlansDelete extends ApigwCommand {
  static summary = 'delete a usage plan; its keys lose access to its API stages'
  static description =
    'Removes the plan\'s API stages (UpdateUsagePlan: AWS deletes only a plan without stages), then DeleteUsagePlan. The keys stay but lose access. A plan with keys needs its name typed on a terminal, or --confirm <name>; one without keys needs --yes. Before removing the stages it records them in the plan\'s tags (TagResource apigw:emptied:<api>:<stage>), so a run cut short is finished by the same command, or undone with --undo (which puts the stages back). Afterwards it prints the commands that recreate the plan and attach its keys again.'
  static examples = ['apigw plans delete gold', 'apigw plans delete a1b2c3 --confirm gold', 'apigw plans delete free --yes --dry-run', 'apigw plans delete gold --undo']

  static args = {plan: usagePlanArg}

  static flags = {
    confirm: Flags.string({description: "the plan's name, to confirm deleting a plan that has keys without a prompt"}),
    undo: Flags.boolean({description: 'instead of deleting: put back the API stages an unfinished delete removed', exclusive: ['confirm']}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(PlansDelete)
    if (flags.undo) {
      await this.applyChange(await prepareDeleteUndo(await this.session(), args.plan), {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/detach-undo-view.js')).planDeleteUndoneView})
      return
    }
    const prepared = await prepareDelete(await this.session(), args.plan)
    await this.applyChange(prepared, {dryRun: flags['dry-run'], confirmFlag: flags.confirm, view: async () => (await import('../../cli/ui/plans-view.js')).planDeletedView})
  }
}
