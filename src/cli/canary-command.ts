import type {PreparedCanaryChange} from '../lib/canary/index.js'
import {ApigwCommand} from './base-command.js'
import {planFlags} from './global-flags.js'
import {Flags} from './oclif/command.js'

/** Flags of every manual canary command. */
export const canaryFlags = {
  api: Flags.string({description: 'REST API id or name', required: true}),
  stage: Flags.string({description: 'stage whose canary to change', required: true}),
  ...planFlags,
}

/** The shared end of the manual canary commands: say what matters, carry out the plan, print the stage before and after. */
export abstract class CanaryCommand extends ApigwCommand {
  protected async change(prepared: PreparedCanaryChange, dryRun: boolean): Promise<void> {
    for (const notice of prepared.notices) this.note(notice)
    const run = await this.carryOut(prepared.plan, {dryRun})
    if (!run) return
    for (const line of prepared.afterwards) this.note(line)
    await this.emit({data: await prepared.result(run), view: async () => (await import('./ui/canary-change-view.js')).canaryChangeView})
  }
}
