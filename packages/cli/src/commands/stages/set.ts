import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {apiFlag, changeFlags, stageFlag} from '../../cli/flags.js'
import {ACCESS_LOG_PRESETS} from '../../lib/stages/index.js'
import {prepareStageSettings} from '../../lib/stages/index.js'
import {parseSettingsRequest} from '../../lib/stages/index.js'

const ON_OFF = ['on', 'off']

export default class StagesSet extends ApigwCommand {
  static summary = "change a stage's variables, throttling, logging, metrics, tracing, access log or auto-deploy"
  static description =
    'One UpdateStage call: for REST APIs, JSON Patch operations on the exact paths (/*/*/throttling/rateLimit, /~1pets/GET/throttling/burstLimit, /variables/<name> …); for HTTP and WebSocket APIs, the changed fields merged into the current ones (UpdateStage replaces maps whole). Every flag is checked before any AWS call, and a setting the API kind does not have is refused with the reason. Settings that already have the value are left alone. The stage is read back after the change: a setting that another change overwrote meanwhile is named, with both values, and the command exits 5 (CHANGED_MEANWHILE). Only adding (a setting that was unset or off) runs without asking; changing or removing one is destructive and needs --yes without a terminal.'
  static examples = [
    'apigw stages set --api petstore --stage prod --throttle 100:50 --method-throttle \'GET /pets=20:10\'',
    'apigw stages set --api petstore --stage prod --var backend=https://v2.example.com --unset-var legacy --yes',
    'apigw stages set --api petstore --stage prod --logging info --metrics on --tracing on --dry-run',
    'apigw stages set --api orders --stage \'$default\' --access-log arn:aws:logs:us-east-1:123456789012:log-group:orders --access-log-format json',
  ]

  static flags = {
    api: apiFlag('any'),
    stage: stageFlag(),
    var: Flags.string({description: 'set a stage variable, name=value (repeatable)', multiple: true}),
    'unset-var': Flags.string({description: 'remove a stage variable (repeatable)', multiple: true}),
    throttle: Flags.string({description: 'stage-wide throttling, rate:burst (requests per second : burst)'}),
    'method-throttle': Flags.string({description: "one method's or route's throttling, 'GET /pets=rate:burst' (repeatable)", multiple: true}),
    logging: Flags.option({options: ['off', 'error', 'info'] as const, description: 'execution logging level (REST and WebSocket)'})(),
    'data-trace': Flags.option({options: ON_OFF, description: 'log full requests and responses (REST and WebSocket)'})(),
    metrics: Flags.option({options: ON_OFF, description: 'detailed CloudWatch metrics'})(),
    tracing: Flags.option({options: ON_OFF, description: 'X-Ray tracing (REST)'})(),
    'access-log': Flags.string({description: 'send access logs to this CloudWatch Logs log group (or Firehose) ARN'}),
    'access-log-format': Flags.string({description: `access log format: a preset (${ACCESS_LOG_PRESETS.join(', ')}) or a format containing $context.requestId`}),
    'auto-deploy': Flags.option({options: ON_OFF, description: 'deploy every change to the API automatically (HTTP and WebSocket)'})(),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(StagesSet)
    // Checked before the session exists: a malformed setting never reaches AWS.
    const request = parseSettingsRequest({
      variables: flags.var,
      unsetVariables: flags['unset-var'],
      throttle: flags.throttle,
      methodThrottles: flags['method-throttle'],
      logging: flags.logging,
      dataTrace: flags['data-trace'],
      metrics: flags.metrics,
      tracing: flags.tracing,
      accessLog: flags['access-log'],
      accessLogFormat: flags['access-log-format'],
      autoDeploy: flags['auto-deploy'],
    })
    const update = await prepareStageSettings(await this.session(), {api: flags.api, stage: flags.stage, request})
    await this.applyChange(update, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/stages-view.js')).stageSettingsChangedView})
  }
}
