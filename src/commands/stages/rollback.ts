import {Flags} from '../../cli/oclif/command.js'
import {ReleaseCommand, releaseFlags} from '../../cli/release-command.js'
import {planRollback, releaseActor} from '../../lib/releases/index.js'

export default class StagesRollback extends ReleaseCommand {
  static summary = 'point a stage back at the deployment it ran before'
  static description =
    'Goes back to the deployment the live release replaced, as apigw recorded it in the deployment\'s description, or to --to <deployment-id>. REST: UpdateStage replace /deploymentId; HTTP and WebSocket: UpdateStage DeploymentId. Then records the rollback in that deployment\'s description (UpdateDeployment), so history stays true and a second rollback returns to where the first started. Refused (exit 5) on a stage with a canary (abort it first) and on an HTTP stage with AutoDeploy (AWS refuses a chosen deployment there). No earlier deployment known: exit 4. Asks on a terminal; needs --yes elsewhere.'

  static examples = [
    'apigw stages rollback --api shop --stage prod',
    'apigw stages rollback --api shop --stage prod --to a1b2c3 --yes --wait',
    'apigw stages rollback --api shop --stage prod --dry-run',
  ]

  static flags = {
    api: Flags.string({description: 'API id or name (REST, HTTP or WebSocket)', required: true}),
    stage: Flags.string({description: 'stage to roll back', required: true}),
    to: Flags.string({description: 'deployment id to go back to (default: the one the live release replaced)'}),
    ...releaseFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(StagesRollback)
    const options = this.releaseOptions(flags)
    const prepared = await planRollback(await this.session(), {api: flags.api, stage: flags.stage, to: flags.to, actor: releaseActor(process.env)})
    await this.release(prepared, options)
  }
}
