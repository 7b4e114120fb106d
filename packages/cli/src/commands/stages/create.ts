import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {apiFlag, changeFlags, stageFlag} from '../../cli/flags.js'
import {checkCreateStageOptions, prepareStageCreation} from '../../lib/stages/index.js'
import {parseVariables} from '../../lib/stages/index.js'

export default class StagesCreate extends ApigwCommand {
  static summary = 'create a stage on a deployment'
  static description =
    'A REST stage serves a deployment: the one named with --deployment, else the newest (an API never deployed is refused: deploy it first). An HTTP or WebSocket stage may start with a deployment (--deployment, --latest), with --auto-deploy on, or with none. Refused (exit 5) when the stage exists.'
  static examples = [
    'apigw stages create --api petstore --stage beta',
    'apigw stages create --api petstore --stage canary-test --deployment abc123 --var backend=https://beta.example.com',
    "apigw stages create --api orders --stage staging --auto-deploy on --description 'staging, deployed on every change'",
  ]

  static flags = {
    api: apiFlag('any'),
    stage: stageFlag(),
    deployment: Flags.string({description: 'the deployment id the stage serves', exclusive: ['latest']}),
    latest: Flags.boolean({description: 'serve the newest deployment (the default for REST)', exclusive: ['deployment']}),
    description: Flags.string({description: 'a description'}),
    var: Flags.string({description: 'a stage variable, name=value (repeatable)', multiple: true}),
    'auto-deploy': Flags.option({options: ['on', 'off'], description: 'HTTP and WebSocket: deploy every change to the API automatically'})(),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(StagesCreate)
    // Checked before the session exists.
    const options = checkCreateStageOptions({
      api: flags.api,
      stage: flags.stage,
      deployment: flags.deployment,
      latest: flags.latest,
      description: flags.description,
      variables: parseVariables(flags.var ?? []),
      autoDeploy: flags['auto-deploy'] === undefined ? undefined : flags['auto-deploy'] === 'on',
    })
    const creation = await prepareStageCreation(await this.session(), options)
    await this.applyChange(creation, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/stages-view.js')).stageShowView})
  }
}
