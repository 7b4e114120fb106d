import {ApigwCommand} from '../../cli/base-command.js'
import {metricWindowFlags, periodFlag, stageTargetFlags, windowOf} from '../../cli/flags.js'
import {screenSize, trafficFlag} from '../../cli/metrics-flags.js'
import {Flags} from '../../cli/oclif/command.js'
import {getMetricSeries, parseSpan} from '../../lib/metrics/index.js'
import {parseWindow} from '../../lib/util/window.js'

export default class MetricsGet extends ApigwCommand {
  static summary = "one figure of a stage, period by period, for scripts: 5XX rate, requests, latency percentiles, cache hit ratio …"
  static description =
    'Reads one figure of a stage from CloudWatch over the last --since, one value per --period (whole minutes; the period in progress is left out), in one GetMetricData call. The names are the same for every kind of API; apigw asks CloudWatch for the metrics that kind publishes (REST: ApiName + Stage, 5XXError…; HTTP: ApiId + Stage, 5xx…; WebSocket: MessageCount, IntegrationError…). A figure the kind does not publish is refused (exit 2). Rates are errors ÷ requests of each period; percentiles are CloudWatch\'s own. A period without data is null (an empty cell in CSV), never 0. A statistic CloudWatch refuses gives no values and says why (unavailable). Figures: count, 4xx, 5xx, 4xx-rate, 5xx-rate, p50, p90, p99 (any pN), latency-avg, integration-p50/p90/p99, integration-latency, cache-hits, cache-misses, cache-hit-ratio (REST), data-processed (HTTP), connects, messages, client-errors, integration-errors, execution-errors (WebSocket), and latency:<statistic> or integration-latency:<statistic> for any other CloudWatch statistic (tm99, PR(:300) …).'

  static examples = [
    'apigw metrics get --api shop --stage prod --metric 5xx-rate',
    'apigw metrics get --api shop --stage prod --metric p99 --since 24h --period 5m --output csv',
    'apigw metrics get --api shop --stage prod --metric count --traffic canary --json',
    'apigw metrics get --api shop --stage prod --metric 5xx-rate --start 2026-12-07T09:00Z --end 2026-12-07T10:00Z',
  ]

  static flags = {
    ...stageTargetFlags('any'),
    metric: Flags.string({description: 'the figure: 5xx-rate, 4xx-rate, count, p99, latency-avg, cache-hit-ratio … (see the description)', required: true}),
    ...metricWindowFlags('3h'),
    period: periodFlag(),
    traffic: trafficFlag,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(MetricsGet)
    const span = parseSpan(parseWindow(windowOf(flags), '3h'), flags.period)
    const {series, notices} = await getMetricSeries(await this.session(), {api: flags.api, stage: flags.stage, metric: flags.metric, traffic: flags.traffic, ...span})
    for (const notice of notices) this.warning(notice)
    const {width} = screenSize()
    await this.emit({data: series, view: async () => {
      const {metricSeriesView} = await import('../../cli/ui/metrics-view.js')
      return (data, colors) => metricSeriesView(data, colors, width)
    }})
  }
}
