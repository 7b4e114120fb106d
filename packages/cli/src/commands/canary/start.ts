import {ApigwCommand} from '../../cli/base-command.js'
import {canaryChangeView, canaryFlags} from '../../cli/canary-flags.js'
import {Flags} from '../../cli/oclif/command.js'
import {parseOverrides, parsePercentFlag, prepareStart} from '../../lib/canary/index.js'

export default class CanaryStart extends ApigwCommand {
  static summary = 'send a share of a REST stage\'s traffic to a new deployment (a canary)'
  static description =
    'Without --deployment: CreateDeployment with canarySettings, which deploys the API as it is now to the canary only; the stage keeps its deployment, variables and description. With --deployment: UpdateStage replace /canarySettings/deploymentId, then /canarySettings/percentTraffic. --var overrides a stage variable for canary requests only. A stage that already has a canary is refused (exit 5): change it with apigw canary set, or replace it with --replace (destructive: needs --yes without a terminal). REST APIs only (exit 2 for HTTP and WebSocket APIs).'

  static examples = [
    'apigw canary start --api shop --stage prod --percent 10 --description "Checkout v2 (#512)"',
    'apigw canary start --api shop --stage prod --deployment a1b2c3 --percent 5 --var backend=v2',
    'apigw canary start --api shop --stage prod --replace --yes --dry-run',
  ]

  static flags = {
    ...canaryFlags,
    percent: Flags.string({description: 'share of the stage\'s traffic for the canary, 0–100', default: '10'}),
    deployment: Flags.string({description: 'an existing deployment for the canary (default: deploy the API as it is now)', exclusive: ['description']}),
    description: Flags.string({description: 'the new deployment\'s description, e.g. a ticket or commit'}),
    var: Flags.string({description: 'override a stage variable for canary requests, name=value (repeatable)', multiple: true}),
    'use-stage-cache': Flags.boolean({description: 'let canary requests use the stage cache'}),
    replace: Flags.boolean({description: 'replace the stage\'s canary, if it has one'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CanaryStart)
    // Checked before the session exists: a malformed value never reaches AWS.
    const percent = parsePercentFlag(flags.percent)
    const {overrides} = parseOverrides(flags.var)
    const prepared = await prepareStart(await this.session(), {
      api: flags.api,
      stage: flags.stage,
      percent,
      deploymentId: flags.deployment,
      description: flags.description,
      overrides,
      useStageCache: flags['use-stage-cache'],
      replace: flags.replace,
    })
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: canaryChangeView})
  }
}
