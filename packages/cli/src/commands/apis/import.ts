import {Args, Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags} from '../../cli/flags.js'
import {releaseActor} from '../../lib/releases/index.js'
import {BASEPATH_MODES, ENDPOINT_TYPES, IMPORT_MODES, prepareImport} from '../../lib/releases/index.js'

export default class ApisImport extends ApigwCommand {
  static summary = 'create or update a REST or HTTP API from an OpenAPI 3.0 or Swagger 2.0 file'
  static description =
    'The file (YAML or JSON) is checked locally first: a malformed file fails with its line and nothing is sent to AWS. Without --api, creates a new API (ImportRestApi, or ImportApi for HTTP; the kind comes from --type or the file\'s API Gateway extensions). With --api, updates it in place: PutRestApi (--mode merge, the default, or overwrite, which needs --yes without a terminal) or ReimportApi (always replaces an HTTP API\'s routes, so needs --yes). Import warnings go to stderr. --deploy then deploys to a stage.'
  static examples = [
    'apigw apis import examples/shop.yaml --endpoint-type regional --deploy prod',
    'apigw apis import examples/shop.yaml --api shop --deploy prod',
    'apigw apis import examples/shop.yaml --api shop --mode overwrite --yes',
    'apigw apis import examples/http-api.yaml --dry-run',
  ]

  static args = {
    file: Args.string({description: 'OpenAPI 3.0 or Swagger 2.0 definition, YAML or JSON', required: true}),
  }

  static flags = {
    api: Flags.string({description: 'update this API (id or name) instead of creating one'}),
    type: Flags.option({options: ['rest', 'http'] as const, description: 'kind of API to create (default: from the file\'s x-amazon-apigateway-* extensions)'})(),
    mode: Flags.option({options: IMPORT_MODES, description: 'with --api, for REST APIs: merge into the API (default) or overwrite it', dependsOn: ['api']})(),
    'fail-on-warnings': Flags.boolean({description: 'refuse the import if AWS finds anything to warn about'}),
    'endpoint-type': Flags.option({options: ENDPOINT_TYPES, description: 'endpoint of a new REST API (AWS\'s default: edge); not with --api'})(),
    basepath: Flags.option({options: BASEPATH_MODES, description: 'how the file\'s base path maps onto resources (AWS\'s default: ignore)'})(),
    deploy: Flags.string({description: 'deploy to this stage after the import (created if missing)'}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(ApisImport)
    const prepared = await prepareImport(await this.session(), {
      file: args.file,
      api: flags.api,
      type: flags.type,
      mode: flags.mode,
      failOnWarnings: flags['fail-on-warnings'],
      endpointType: flags['endpoint-type'],
      basepath: flags.basepath,
      deploy: flags.deploy,
      actor: releaseActor(process.env),
    })
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/openapi-view.js')).importView})
  }
}
