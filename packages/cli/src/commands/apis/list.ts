import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {API_TYPES} from '../../lib/catalog/index.js'
import {listApis} from '../../lib/apis/index.js'

export default class ApisList extends ApigwCommand {
  static summary = 'list REST, HTTP and WebSocket APIs in the region'
  static description = 'Lists REST APIs (GetRestApis, pages of 500) and HTTP/WebSocket APIs (GetApis) together, sorted by name. Warns on stderr when two REST APIs share a name, because their CloudWatch metrics are merged.'
  static examples = [
    'apigw apis list',
    'apigw apis list --type http --name "shop-*"',
    "apigw apis list --json --query 'apis[].id'",
  ]

  static flags = {
    type: Flags.option({options: API_TYPES, description: 'only APIs of this kind'})(),
    name: Flags.string({description: 'only APIs whose name matches this glob (* and ?, case-sensitive)'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(ApisList)
    const result = await listApis(await this.session(), {type: flags.type, name: flags.name})
    for (const warning of result.warnings) this.warning(warning)
    await this.emit({data: {apis: result.apis}, view: async () => (await import('../../cli/ui/apis-view.js')).apisListTable})
  }
}
