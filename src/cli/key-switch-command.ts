import {prepareKeySwitch} from '../lib/keys/index.js'
import {ApigwCommand} from './base-command.js'
import {planFlags} from './global-flags.js'
import {Args} from './oclif/command.js'

export const keySwitchArgs = {key: Args.string({description: 'API key id or name', required: true})}
export const keySwitchFlags = {...planFlags}

/** The shared body of `keys enable` and `keys disable`: plan, confirm as its severity says, run, print the key. */
export abstract class KeySwitchCommand extends ApigwCommand {
  protected async switchKey(reference: string, enabled: boolean, dryRun: boolean): Promise<void> {
    const change = await prepareKeySwitch(await this.session(), reference, enabled)
    if (!change.plan) this.note(`The key is already ${enabled ? 'enabled' : 'disabled'}; nothing to change.`)
    else if (!(await this.carryOut(change.plan, {dryRun}))) return
    await this.emit({data: await change.result(), view: async () => (await import('./ui/keys-view.js')).keySwitchedView})
  }
}
