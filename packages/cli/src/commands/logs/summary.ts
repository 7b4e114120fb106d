import {ApigwCommand} from '../../cli/base-command.js'
import {metricWindowFlags, stageTargetFlags, windowOf} from '../../cli/flags.js'
import {summarizeStageLogs} from '../../lib/logs/index.js'
import {systemClock} from '../../lib/util/clock.js'
import {parseWindow} from '../../lib/util/window.js'

export default class LogsSummary extends ApigwCommand {
  static summary = "Logs Insights over a stage's access logs: errors by route and status, slowest routes, top callers, canary versus base"
  static description =
    "Runs three CloudWatch Logs Insights queries at once over the stage's access log group and its /Canary twin for the window (default --since 1h), in the stage's own format (JSON keys as they are, any other format parsed with a regex built from it), with progress on stderr while they run: 5XX and 4XX responses by route and status, the slowest routes by p99 integration latency, the top callers (API key id, else source IP) with their errors, and the canary's requests, 4XX and 5XX beside the base's. A table the format cannot give (no $context.integrationLatency, no caller) is left out with a note. Needs access logs (exit 4 with the command that turns them on); a query still running after 5 minutes exits 7."

  static examples = ['apigw logs summary --api shop --stage prod', 'apigw logs summary --api shop --stage prod --since 6h --json']

  static flags = {
    ...stageTargetFlags('any'),
    ...metricWindowFlags('1h'),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(LogsSummary)
    const window = parseWindow(windowOf(flags), '1h')
    const endTime = (window.clock ?? systemClock).now()
    const summary = await summarizeStageLogs(await this.session(), {
      api: flags.api,
      stage: flags.stage,
      startTime: endTime - window.sinceMs,
      endTime,
      onProgress: (line) => this.note(`Logs Insights ${line}`),
    })
    for (const note of summary.notes) this.warning(note)
    await this.emit({data: summary, view: async () => (await import('../../cli/ui/logs-view.js')).logsSummaryView})
  }
}
