import {ApigwCommand} from '../../cli/base-command.js'
import {reportToCi} from '../../cli/ci/index.js'
import {metricWindowFlags, stageTargetFlags, windowOf} from '../../cli/flags.js'
import {limitFlags, trafficFlag} from '../../cli/metrics-flags.js'
import {Flags} from '../../cli/oclif/command.js'
import {absoluteGates, parseMinRequests} from '../../lib/canary/index.js'
import {checkStage} from '../../lib/metrics/index.js'
import {ExitCode, usageError} from '../../lib/errors.js'
import {parseWindow} from '../../lib/util/window.js'

export default class MetricsCheck extends ApigwCommand {
  static summary = "a CI gate on a stage's recent traffic: 5XX and 4XX rates and p99 latency against limits"
  static description =
    'Reads the stage\'s requests, 4XX and 5XX errors and latency over the last --since (whole minutes, the one in progress included) in one GetMetricData call, and judges them as canary run judges a canary: passed (exit 0) when every figure is within its limit, failed (exit 1, naming the figure and its numbers) when one is over. Fewer requests than --min-requests, or none, is not enough data: its own outcome, which --no-data turns into a pass (exit 0) or a failure (exit 1, the default). A rate fails at once, even with few requests, when the errors alone already pass the limit of --min-requests requests. --traffic canary or base checks one side of a REST stage\'s canary. WebSocket APIs are judged on messages, client errors (4XX), integration errors (5XX) and integration latency. In GitHub Actions each failed gate is an ::error annotation and the gates go to the job summary (docs/ci.md).'

  static examples = [
    'apigw metrics check --api shop --stage prod --since 15m --max-5xx-rate 1%',
    'apigw metrics check --api shop --stage prod --max-5xx-rate 0.5% --max-4xx-rate 5% --max-p99 800ms --min-requests 100 --no-data pass --json',
    'apigw metrics check --api shop --stage prod --traffic canary --since 10m',
  ]

  static flags = {
    ...stageTargetFlags('any'),
    ...metricWindowFlags('15m'),
    ...limitFlags({'max-5xx-rate': '1%', 'max-4xx-rate': 'off', 'max-p99': 'off'}),
    'min-requests': Flags.string({description: 'requests needed to judge; fewer is not enough data', default: '100'}),
    'no-data': Flags.option({options: ['pass', 'fail'] as const, description: 'what not enough data counts as', default: 'fail' as const})(),
    traffic: trafficFlag,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(MetricsCheck)
    const window = parseWindow(windowOf(flags), '15m')
    if (window.sinceMs < 60_000) throw usageError(`The window must be at least a minute (CloudWatch's periods); got ${window.label}.`, ['Try: --since 15m'])
    const limits = absoluteGates({'max-5xx-rate': flags['max-5xx-rate'], 'max-4xx-rate': flags['max-4xx-rate'], 'max-p99': flags['max-p99']})
    const minRequests = parseMinRequests(flags['min-requests'])
    const {result, notices} = await checkStage(await this.session(), {api: flags.api, stage: flags.stage, traffic: flags.traffic, ...window, limits, minRequests, noData: flags['no-data']})
    for (const notice of notices) this.warning(notice)
    await this.emit({data: result, view: async () => (await import('../../cli/ui/metrics-view.js')).checkView})
    const exitCode = result.pass ? ExitCode.ok : ExitCode.negative
    await reportToCi({command: 'metrics check', result, exitCode})
    if (exitCode !== ExitCode.ok) this.exit(exitCode)
  }
}
