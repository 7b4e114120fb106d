import {apiFlag} from '../../cli/flags.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {showApi} from '../../lib/apis/index.js'

export default class ApisShow extends ApigwCommand {
  static summary = "show an API's settings, stages, and resources or routes"
  static description = 'For REST APIs: settings, stages (deployment, canary, cache) and the resource tree with each method\'s integration, authorization and API-key requirement. For HTTP and WebSocket APIs: settings, stages (deployment, auto-deploy) and routes with their integrations.'
  static examples = ['apigw apis show --api petstore', 'apigw apis show --api a1b2c3d4e5 --json']

  static flags = {
    api: apiFlag('any'),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(ApisShow)
    const details = await showApi(await this.session(), flags.api)
    await this.emit({data: details, view: async () => (await import('../../cli/ui/apis-view.js')).apiShowView})
  }
}
