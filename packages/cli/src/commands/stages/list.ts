import {apiFlag} from '../../cli/flags.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {listStageDetails} from '../../lib/stages/index.js'

export default class StagesList extends ApigwCommand {
  static summary = "list an API's stages with their deployment, canary, cache, throttling, logging and variables"
  static description =
    'One row per stage: deployment, last update, canary (REST) or auto-deploy (HTTP/WebSocket), cache and tracing (REST), stage-wide throttling, logging level, detailed metrics and the number of stage variables. --json gives every setting of every stage, as `stages show` does.'
  static examples = ['apigw stages list --api petstore', "apigw stages list --api a1b2c3d4e5 --json --query 'stages[].name'"]

  static flags = {
    api: apiFlag('any'),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(StagesList)
    const list = await listStageDetails(await this.session(), flags.api)
    await this.emit({data: list, view: async () => (await import('../../cli/ui/stages-view.js')).stagesListView})
  }
}
