import type {PreparedPlanChange} from '../lib/usage-plans/index.js'
import type {TableView} from './ui/output.js'
import {ApigwCommand} from './base-command.js'
import {Args} from './oclif/command.js'

/** The `<plan>` argument of the plans commands. */
export const planArg = Args.string({description: 'usage plan id or name', required: true})
export const keyArg = Args.string({description: 'API key id or name', required: true})

/** The shared end of the plans commands that change AWS: warn, carry out the plan, say how to undo it, print the result. */
export abstract class PlansCommand extends ApigwCommand {
  protected async change<T>(prepared: PreparedPlanChange<T>, options: {dryRun: boolean; confirmFlag?: string; view: () => Promise<TableView<T>>}): Promise<void> {
    for (const notice of prepared.notices) this.warning(notice)
    const run = await this.carryOut(prepared.plan, {dryRun: options.dryRun, confirmName: prepared.confirmName, confirmFlag: options.confirmFlag})
    if (!run) return
    for (const line of prepared.afterwards) this.note(line)
    await this.emit({data: await prepared.result(run), view: options.view})
  }
}
