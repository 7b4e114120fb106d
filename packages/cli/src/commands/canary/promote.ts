import {ApigwCommand} from '../../cli/base-command.js'
import {canaryChangeView, canaryFlags} from '../../cli/canary-flags.js'
import {Flags} from '../../cli/oclif/command.js'
import {preparePromote} from '../../lib/canary/index.js'
import {releaseActor} from '../../lib/releases/index.js'

export default class CanaryPromote extends ApigwCommand {
  static summary = "make a REST stage's canary deployment its deployment for all traffic"
  static description =
    "One UpdateStage with the promotion batch: replace /canarySettings/percentTraffic 0.0, copy /canarySettings/deploymentId to /deploymentId, copy /canarySettings/stageVariableOverrides to /variables (merged: overrides win; left out when there are none). Then a second UpdateStage remove /canarySettings, unless --keep-canary (the canary stays at 0%). The promotion is recorded in the deployment's description (promote <stage> from <stage>/canary, replaced <old deployment>), so apigw stages rollback returns to the old deployment. The stage is read again just before the change; if someone else changed its canary meanwhile nothing is written (exit 5, STAGE_CHANGED). Destructive: asks on a terminal, needs --yes elsewhere."

  static examples = [
    'apigw canary promote --api shop --stage prod',
    'apigw canary promote --api shop --stage prod --yes --json',
    'apigw canary promote --api shop --stage prod --keep-canary --dry-run',
  ]

  static flags = {
    ...canaryFlags,
    'keep-canary': Flags.boolean({description: 'keep the canary, at 0%, on the promoted deployment'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CanaryPromote)
    const prepared = await preparePromote(await this.session(), {api: flags.api, stage: flags.stage, keepCanary: flags['keep-canary'], actor: releaseActor(process.env)})
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: canaryChangeView})
  }
}
