import {stageTargetFlags} from '../../cli/flags.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {stageHistory} from '../../lib/releases/index.js'

export default class StagesHistory extends ApigwCommand {
  static summary = "a stage's releases, newest first, with the live and canary deployments marked"
  static description =
    'AWS keeps deployments per API, not per stage, and no release history. apigw records each release it makes in the deployment\'s description; this lists the records that name the stage (GetDeployments), plus its live and canary deployments when no record names them (made with the console, another tool, or AutoDeploy).'

  static examples = ['apigw stages history --api shop --stage prod', "apigw stages history --api shop --stage prod --json --query 'releases[0].deploymentId'"]

  static flags = {
    ...stageTargetFlags('any'),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(StagesHistory)
    const history = await stageHistory(await this.session(), {api: flags.api, stage: flags.stage})
    await this.emit({data: history, view: async () => (await import('../../cli/ui/release-view.js')).historyView})
  }
}
