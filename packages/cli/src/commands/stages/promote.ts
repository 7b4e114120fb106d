import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {apiFlag} from '../../cli/flags.js'
import {releaseApplyOptions, releaseFlags, releaseFollowUp} from '../../cli/release-flags.js'
import {releaseActor} from '../../lib/releases/index.js'
import {preparePromote} from '../../lib/releases/index.js'

export default class StagesPromote extends ApigwCommand {
  static summary = "point one stage at the deployment another stage runs (dev → prod)"
  static description =
    'No new deployment is made: the target serves exactly what was checked on the source. REST: UpdateStage replace /deploymentId; HTTP and WebSocket: UpdateStage DeploymentId; --create-stage creates a missing target on it (CreateStage). The promotion is recorded in the deployment\'s description, for stages history and stages rollback. --diff first shows what the target\'s clients will see change, from the two stages\' exports (REST and HTTP). Refused (exit 5) when the target has a canary or AutoDeploy. Asks on a terminal; needs --yes elsewhere (CI).'

  static examples = [
    'apigw stages promote --api shop --from dev --to prod --diff',
    'apigw stages promote --api shop --from dev --to prod --yes --wait --json',
    'apigw stages promote --api shop --from staging --to prod --create-stage --dry-run',
  ]

  static flags = {
    api: apiFlag('any'),
    from: Flags.string({description: 'stage whose deployment is promoted', required: true}),
    to: Flags.string({description: 'stage that will run it', required: true}),
    diff: Flags.boolean({description: 'show the API differences between the two stages first'}),
    'create-stage': Flags.boolean({description: 'create the target stage if the API has none by that name'}),
    ...releaseFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(StagesPromote)
    const followUp = releaseFollowUp(flags)
    const prepared = await preparePromote(await this.session(), {
      api: flags.api,
      from: flags.from,
      to: flags.to,
      diff: flags.diff,
      createStage: flags['create-stage'],
      actor: releaseActor(process.env),
      ...followUp,
    })
    await this.applyChange(prepared, releaseApplyOptions(prepared, flags))
  }
}
