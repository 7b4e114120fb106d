import {ApigwCommand} from '../../cli/base-command.js'
import {canaryChangeView, canaryFlags} from '../../cli/canary-flags.js'
import {prepareStop} from '../../lib/canary/index.js'

export default class CanaryAbort extends ApigwCommand {
  static summary = "remove a REST stage's canary: all traffic back to the stage's deployment at once"
  static description =
    "UpdateStage remove /canarySettings. The stage's own deployment never changed while the canary ran, so this is the fast, safe way back in an incident: it runs without asking. It stops (exit 5, STAGE_CHANGED) only if the canary was replaced by another deployment meanwhile; a share changed meanwhile does not stop it. A stage without canary: nothing to do (exit 0)."

  static examples = ['apigw canary abort --api shop --stage prod', 'apigw canary abort --api shop --stage prod --json']

  static flags = canaryFlags

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CanaryAbort)
    await this.applyChange(await prepareStop(await this.session(), {api: flags.api, stage: flags.stage, action: 'abort'}), {dryRun: flags['dry-run'], view: canaryChangeView})
  }
}
