import {apiFlag, stageFlag} from '../../cli/flags.js'
import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {EXPORT_EXTENSIONS, EXPORT_FORMATS, exportApi} from '../../lib/openapi/index.js'

export default class ApisExport extends ApigwCommand {
  static summary = "export an API's OpenAPI definition, to stdout or a file"
  static description =
    'REST APIs are exported from a stage (GetExport): the only stage when --stage is left out. HTTP APIs are exported as OpenAPI 3.0 (ExportApi): the current definition, or a stage\'s. Without --out the document goes to stdout exactly as AWS returned it (no --output formatting); with --out it is written to the file and a summary printed.'
  static examples = [
    'apigw apis export --api shop --stage prod --extensions integrations --yaml > shop.yaml',
    'apigw apis export --api shop --stage prod --format swagger --out shop.json',
    'apigw apis export --api greenhouse --yaml',
  ]

  static flags = {
    api: apiFlag('rest-http'),
    stage: stageFlag({restChoosesOnly: true}),
    format: Flags.option({options: EXPORT_FORMATS, default: 'oas30' as const, description: 'OpenAPI 3.0 or Swagger 2.0 (REST only)'})(),
    extensions: Flags.option({options: EXPORT_EXTENSIONS, description: 'x-amazon-apigateway-* extensions to include (REST; HTTP exports always include them)'})(),
    yaml: Flags.boolean({description: 'YAML instead of JSON'}),
    out: Flags.string({description: 'write the document to this file and print a summary'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(ApisExport)
    const exported = await exportApi(await this.session(), {api: flags.api, stage: flags.stage, format: flags.format, extensions: flags.extensions, yaml: flags.yaml, out: flags.out})
    // The document itself is the result: byte for byte, so that `> file` and --out agree.
    if (flags.out === undefined) process.stdout.write(exported.document)
    else await this.emit({data: exported.summary})
  }
}
