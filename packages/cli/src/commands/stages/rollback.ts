import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {apiFlag, stageFlag} from '../../cli/flags.js'
import {releaseApplyOptions, releaseFlags, releaseFollowUp} from '../../cli/release-flags.js'
import {releaseActor} from '../../lib/releases/index.js'
import {prepareRollback} from '../../lib/releases/index.js'

export default class StagesRollback extends ApigwCommand {
  static summary = 'point a stage back at the deployment it ran before'
  static description =
    'Goes back to the deployment the live release replaced, as apigw recorded it in the deployment\'s description, or to --to <deployment-id>. REST: UpdateStage replace /deploymentId; HTTP and WebSocket: UpdateStage DeploymentId. Then records the rollback in that deployment\'s description (UpdateDeployment), so history stays true and a second rollback returns to where the first started. Refused (exit 5) on a stage with a canary (abort it first) and on an HTTP stage with AutoDeploy (AWS refuses a chosen deployment there). No earlier deployment known: exit 4. Asks on a terminal; needs --yes elsewhere.'

  static examples = [
    'apigw stages rollback --api shop --stage prod',
    'apigw stages rollback --api shop --stage prod --to a1b2c3 --yes --wait',
    'apigw stages rollback --api shop --stage prod --dry-run',
  ]

  static flags = {
    api: apiFlag('any'),
    stage: stageFlag(),
    to: Flags.string({description: 'deployment id to go back to (default: the one the live release replaced)'}),
    ...releaseFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(StagesRollback)
    const followUp = releaseFollowUp(flags)
    const prepared = await prepareRollback(await this.session(), {api: flags.api, stage: flags.stage, to: flags.to, actor: releaseActor(process.env), ...followUp})
    await this.applyChange(prepared, releaseApplyOptions(prepared, flags))
  }
}
