import {apiFlag, stageFlag} from '../../cli/flags.js'
import {Args} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {reportToCi} from '../../cli/ci/index.js'
import {diffApi} from '../../lib/openapi/index.js'
import {ExitCode} from '../../lib/errors.js'

export default class ApisDiff extends ApigwCommand {
  static summary = 'compare an OpenAPI file with what AWS has; exit 1 when they differ'
  static description =
    'Compares operations (paths and methods), parameters, integrations, authorization and API-key requirements, ignoring order, formatting and the defaults AWS adds on export. REST APIs are compared with a stage\'s export (the only stage when --stage is left out); HTTP APIs with their current definition, or a stage\'s. "+" marks an operation only in the file, "-" one only in AWS, "~" a changed one (AWS\'s value → the file\'s). Exits 0 when equal and 1 when not: a drift gate for CI. In GitHub Actions each difference is an annotation and the table goes to the job summary (docs/ci.md).'
  static examples = ['apigw apis diff examples/shop.yaml --api shop --stage prod', 'apigw apis diff examples/http-api.yaml --api greenhouse --json']

  static args = {
    file: Args.string({description: 'OpenAPI 3.0 or Swagger 2.0 definition, YAML or JSON', required: true}),
  }

  static flags = {
    api: apiFlag('rest-http'),
    stage: stageFlag({restChoosesOnly: true}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(ApisDiff)
    const report = await diffApi(await this.session(), {file: args.file, api: flags.api, stage: flags.stage})
    await this.emit({data: report, view: async () => (await import('../../cli/ui/openapi-view.js')).diffView})
    const exitCode = report.equal ? ExitCode.ok : ExitCode.negative
    await reportToCi({command: 'apis diff', result: report, exitCode})
    if (exitCode !== ExitCode.ok) this.exit(exitCode)
  }
}
