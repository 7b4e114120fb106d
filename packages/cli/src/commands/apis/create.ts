import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags} from '../../cli/flags.js'
import {API_TYPES} from '../../lib/catalog/index.js'
import {checkCreateOptions, DEFAULT_ROUTE_SELECTION, ENDPOINT_TYPES} from '../../lib/apis/index.js'
import {prepareApiCreation} from '../../lib/apis/index.js'

export default class ApisCreate extends ApigwCommand {
  static summary = 'create a REST, HTTP or WebSocket API'
  static description =
    'REST APIs are created with CreateRestApi; HTTP and WebSocket APIs with CreateApi. An HTTP API with --target is a quick create: a $default route to the Lambda function or URL, its integration, and an auto-deploying $default stage. Prints the id and the invoke URLs. Warns when another API has the same name.'
  static examples = [
    'apigw apis create --name shop --type rest --endpoint-type regional --tag team=payments',
    'apigw apis create --name orders --type http --target arn:aws:lambda:us-east-1:123456789012:function:orders',
    "apigw apis create --name chat --type websocket --route-selection '$request.body.type'",
    'apigw apis create --name shop --type rest --dry-run --json',
  ]

  static flags = {
    name: Flags.string({description: 'the API name', required: true}),
    type: Flags.option({options: API_TYPES, description: 'the kind of API', required: true})(),
    description: Flags.string({description: 'a description'}),
    'endpoint-type': Flags.option({options: ENDPOINT_TYPES, description: 'REST only: the endpoint type (AWS default: edge)'})(),
    target: Flags.string({description: 'HTTP only: quick create with a $default route to this Lambda function ARN or http(s) URL'}),
    'route-selection': Flags.string({description: `WebSocket only: the route selection expression (default: ${DEFAULT_ROUTE_SELECTION})`}),
    tag: Flags.string({description: 'a tag, key=value (repeatable)', multiple: true}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(ApisCreate)
    // Checked before the session exists: a typo never reaches AWS, nor starts a sandbox.
    const request = checkCreateOptions({
      name: flags.name,
      type: flags.type,
      description: flags.description,
      endpointType: flags['endpoint-type'],
      target: flags.target,
      routeSelection: flags['route-selection'],
      tags: flags.tag,
    })
    const creation = await prepareApiCreation(await this.session(), request)
    await this.applyChange(creation, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/apis-view.js')).apiCreatedView})
  }
}
