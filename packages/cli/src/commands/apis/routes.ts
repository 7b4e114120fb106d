import {apiFlag} from '../../cli/flags.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {listApiRoutes} from '../../lib/catalog/index.js'

export default class ApisRoutes extends ApigwCommand {
  static summary = "list an API's resources and methods, or its routes"
  static description =
    "For REST APIs: the resource tree, with each method's integration, authorization and API-key requirement. For HTTP and WebSocket APIs: the route table, with the same for each route."
  static examples = ['apigw apis routes --api petstore', "apigw apis routes --api orders --json --query 'routes[].routeKey'"]

  static flags = {
    api: apiFlag('any'),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(ApisRoutes)
    const routes = await listApiRoutes(await this.session(), flags.api)
    await this.emit({data: routes, view: async () => (await import('../../cli/ui/apis-view.js')).apiRoutesView})
  }
}
