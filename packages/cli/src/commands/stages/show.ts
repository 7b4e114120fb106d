import {stageTargetFlags} from '../../cli/flags.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {showStage} from '../../lib/stages/index.js'

export default class StagesShow extends ApigwCommand {
  static summary = "show every setting of a stage: deployment, canary, cache, throttling, logging, tracing, access log, variables, method or route settings"
  static description =
    'REST stages show their method settings keyed as AWS keys them ("*/*" for every method, "pets/GET" for one); HTTP and WebSocket stages their route settings keyed by route ("GET /pets"). A stage that does not exist is exit 4, naming the stages the API has.'
  static examples = ['apigw stages show --api petstore --stage prod', 'apigw stages show --api orders --stage \'$default\' --json']

  static flags = {
    ...stageTargetFlags('any'),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(StagesShow)
    const shown = await showStage(await this.session(), flags.api, flags.stage)
    await this.emit({data: shown, view: async () => (await import('../../cli/ui/stages-view.js')).stageShowView})
  }
}
