import {Flags} from '../cli/oclif/command.js'
import {ReleaseCommand, releaseFlags} from '../cli/release-command.js'
import {planDeploy, releaseActor} from '../lib/releases/index.js'

export default class Deploy extends ReleaseCommand {
  static summary = 'deploy an API as it is now to a stage, recording who deployed and what it replaced'
  static description =
    'REST: CreateDeployment to the stage; HTTP and WebSocket: CreateDeployment with StageName (a new stage is created on the deployment). A missing stage is an error (exit 4) unless --create-stage. The deployment\'s description records, after --description, who deployed, when and which deployment it replaced, which is what stages history and stages rollback read. A REST stage with a canary is refused (exit 5): release through apigw canary. An HTTP stage with AutoDeploy deploys itself: nothing is done, and its last automatic deployment is shown. Prints the old and new deployment ids; --wait returns once the stage serves the new one. In GitHub Actions (GITHUB_OUTPUT set) the ids become step outputs deployment-id and previous-deployment-id.'

  static examples = [
    'apigw deploy --api shop --stage prod --description "Fix checkout timeout (#482)"',
    'apigw deploy --api shop --stage dev --create-stage --wait --json',
    'apigw deploy --api orders --stage prod --dry-run',
  ]

  static flags = {
    api: Flags.string({description: 'API id or name (REST, HTTP or WebSocket)', required: true}),
    stage: Flags.string({description: 'stage to deploy to', required: true}),
    description: Flags.string({description: 'what this deployment is, e.g. a ticket or commit (apigw adds who, when and what it replaced)'}),
    'create-stage': Flags.boolean({description: 'create the stage if the API has none by that name'}),
    ...releaseFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(Deploy)
    const options = this.releaseOptions(flags)
    const prepared = await planDeploy(await this.session(), {
      api: flags.api,
      stage: flags.stage,
      description: flags.description,
      createStage: flags['create-stage'],
      actor: releaseActor(process.env),
    })
    await this.release(prepared, options)
  }
}
