import {Flags} from '../cli/oclif/command.js'
import {ApigwCommand} from '../cli/base-command.js'
import {apiFlag, stageFlag} from '../cli/flags.js'
import {releaseApplyOptions, releaseFlags, releaseFollowUp} from '../cli/release-flags.js'
import {releaseActor} from '../lib/releases/index.js'
import {prepareDeploy} from '../lib/releases/index.js'

export default class Deploy extends ApigwCommand {
  static summary = 'deploy an API as it is now to a stage, recording who deployed and what it replaced'
  static description =
    'REST: CreateDeployment to the stage; HTTP and WebSocket: CreateDeployment with StageName (a new stage is created on the deployment). A missing stage is an error (exit 4) unless --create-stage. The deployment\'s description records, after --description, who deployed, when and which deployment it replaced, which is what stages history and stages rollback read. A REST stage with a canary is refused (exit 5): release through apigw canary. An HTTP stage with AutoDeploy deploys itself: nothing is done, and its last automatic deployment is shown. Prints the old and new deployment ids; --wait returns once the stage serves the new one. In GitHub Actions (GITHUB_OUTPUT set) the ids become step outputs deployment-id and previous-deployment-id.'

  static examples = [
    'apigw deploy --api shop --stage prod --description "Fix checkout timeout (#482)"',
    'apigw deploy --api shop --stage dev --create-stage --wait --json',
    'apigw deploy --api orders --stage prod --dry-run',
  ]

  static flags = {
    api: apiFlag('any'),
    stage: stageFlag(),
    description: Flags.string({description: 'what this deployment is, e.g. a ticket or commit (apigw adds who, when and what it replaced)'}),
    'create-stage': Flags.boolean({description: 'create the stage if the API has none by that name'}),
    ...releaseFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(Deploy)
    const followUp = releaseFollowUp(flags)
    const prepared = await prepareDeploy(await this.session(), {
      api: flags.api,
      stage: flags.stage,
      description: flags.description,
      createStage: flags['create-stage'],
      actor: releaseActor(process.env),
      ...followUp,
    })
    await this.applyChange(prepared, releaseApplyOptions(prepared, flags))
  }
}
