import {ApigwCommand} from '../../cli/base-command.js'
import {Flags} from '../../cli/oclif/command.js'
import {loadStatusWatch, type CanaryStatus as Status} from '../../lib/canary/index.js'
import {usageError} from '../../lib/errors.js'
import {toSafeJson} from '../../lib/util/escape.js'
import {parseWindow} from '../../lib/util/window.js'
import {metricWindowFlags, stageTargetFlags, windowOf} from '../../cli/flags.js'

/** How often --watch reads the stage and CloudWatch again: API Gateway publishes a datapoint a minute, so more often shows nothing new. */
const WATCH_INTERVAL_MS = 10_000

export default class CanaryStatus extends ApigwCommand {
  static summary = "show a REST stage's canary: deployments, traffic split, overrides, and canary vs base metrics"
  static description =
    'The base and canary deployments (with their descriptions), the canary\'s share of traffic, stage variable overrides and stage cache use, and the canary and the base side by side over the last --since (default 15m): requests, 4XX and 5XX rates, p50/p90/p99 latency and average integration latency, from one CloudWatch GetMetricData call. The base is the stage\'s series less the canary\'s ("<stage>/Canary"), because the stage\'s own series counts canary requests too. Where there is no data, the figures are null and a note says why. --watch refreshes every 10 s: redrawn in place on a terminal, one JSON line per refresh otherwise. When the canary answers 5XXs at a higher rate than the base (table and text output), its first error lines follow on stderr (one FilterLogEvents: its execution log failures, else its access log 5XX lines) with the `apigw logs` commands that show more; logs that cannot be read are said, never a failure.'

  static examples = ['apigw canary status --api shop --stage prod', 'apigw canary status --api shop --stage prod --since 1h --json', 'apigw canary status --api shop --stage prod --watch']

  static flags = {
    ...stageTargetFlags('rest'),
    ...metricWindowFlags('15m'),
    watch: Flags.boolean({description: 'refresh every 10 s until Ctrl-C'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CanaryStatus)
    const window = parseWindow(windowOf(flags), '15m')
    if (window.sinceMs <= 0) throw usageError(`The window must be longer than 0; got ${window.label}.`, ['Try: --since 15m'])
    if (flags.watch && window.clock) throw usageError('--end fixes the window; --watch follows the present.', ['Try: leave out --watch or --end'])
    const session = await this.session()
    const {watchCanaryStatus} = await loadStatusWatch()
    const status = await watchCanaryStatus(session, {api: flags.api, stage: flags.stage, ...window})
    for (const notice of status.notices) this.warning(notice)
    const view = async () => (await import('../../cli/ui/canary-view.js')).canaryStatusView
    if (!flags.watch) {
      const data = await status.read()
      await this.emit({data, view})
      // For people reading the table; a script reading --json asks `apigw logs` itself.
      if (canaryWorse(data.metrics) && ['table', 'text'].includes(this.outputFormat())) {
        const {noteCanaryLogs} = await import('../../cli/canary-logs.js')
        await noteCanaryLogs(session, {api: data.api.id, stage: data.stage, startTime: Date.parse(data.metrics.window.start), endTime: Date.parse(data.metrics.window.end)}, (line) => this.note(line))
      }
      return
    }
    const live = process.stdout.isTTY && this.outputFormat() === 'table'
    const screen = live ? (await import('../../cli/ui/redraw.js')).redrawer(process.stdout) : undefined
    const {renderResult} = await import('../../cli/ui/output.js')
    const {colorEnabled} = await import('../../cli/ui/color.js')
    const color = colorEnabled({flag: flags.color, env: process.env, isTTY: Boolean(process.stdout.isTTY)})
    for (;;) {
      session.renewRetryBudget()
      const data = await status.read()
      if (screen) {
        const text = await renderResult({data, view}, {format: 'table', color})
        screen.draw(`${text}\nEvery ${WATCH_INTERVAL_MS / 1000} s; last read ${new Date().toISOString().slice(11, 19)} UTC. Ctrl-C to stop.`)
      } else process.stdout.write(`${toSafeJson(data, 0)}\n`)
      await new Promise((resolve) => setTimeout(resolve, WATCH_INTERVAL_MS))
    }
  }
}

/** The canary answered 5XXs at a higher rate than its base: worth its error lines. */
const canaryWorse = ({canary, base}: Status['metrics']) => (canary.errors5xx ?? 0) > 0 && (canary.rate5xx ?? 0) > (base.rate5xx ?? 0)
