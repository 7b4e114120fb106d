import {ApigwCommand} from '../../cli/base-command.js'
import {canaryChangeView, canaryFlags} from '../../cli/canary-flags.js'
import {prepareStop} from '../../lib/canary/index.js'

export default class CanaryPause extends ApigwCommand {
  static summary = "send no traffic to a REST stage's canary, keeping it"
  static description =
    "UpdateStage replace /canarySettings/percentTraffic 0.0: the canary keeps its deployment and settings, and apigw canary set --percent resumes it. Safe: it runs without asking. It stops (exit 5, STAGE_CHANGED) only if the canary was replaced by another deployment meanwhile. A stage without canary, or one at 0% already: nothing to do (exit 0)."

  static examples = ['apigw canary pause --api shop --stage prod', 'apigw canary pause --api shop --stage prod --dry-run']

  static flags = canaryFlags

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CanaryPause)
    await this.applyChange(await prepareStop(await this.session(), {api: flags.api, stage: flags.stage, action: 'pause'}), {dryRun: flags['dry-run'], view: canaryChangeView})
  }
}
