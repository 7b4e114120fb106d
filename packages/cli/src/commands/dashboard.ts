import {ApigwCommand} from '../cli/base-command.js'
import {apiFlag, metricWindowFlags, periodFlag, stageFlag, windowOf} from '../cli/flags.js'
import {limitFlags, screenSize} from '../cli/metrics-flags.js'
import {Flags} from '../cli/oclif/command.js'
import {withDefaultValue} from '../cli/optional-value.js'
import {absoluteGates} from '../lib/canary/index.js'
import {loadFleetDashboard, loadFleetTargets, loadStageDashboard, type Thresholds} from '../lib/dashboard/index.js'
import {usageError} from '../lib/errors.js'
import {targets, type TargetSpec} from '../lib/fleet/index.js'
import {failedTargetsExit, fleetFlags} from '../cli/fleet-flags.js'
import {parseSpan} from '../lib/metrics/index.js'
import {formatDuration, parseDuration} from '../lib/util/duration.js'
import {parseWindow, type ReadWindow} from '../lib/util/window.js'

/** --watch without a value. */
const DEFAULT_WATCH = '30s'

export default class Dashboard extends ApigwCommand {
  static summary = "a stage's requests, 4XX and 5XX, latency and cache as charts in the terminal; or every stage of the region, worst first"
  static description =
    'Charts of a stage over the last --since (default 3h), one bar a --period (default 1m): requests, 4XX and 5XX (count and rate), Latency and IntegrationLatency p50/p90/p99, and the cache hit ratio of a REST stage with a cache; for WebSocket APIs connections, messages and client, integration and execution errors. Each shows its newest value, its lowest and highest, on a scale labelled with its unit; a gap is missing data, never a zero. With a canary, base (the stage less the canary) and canary are side by side on one scale. Sized to the terminal (two columns of panels from 160 columns; one line a panel when the charts do not fit the height); without a terminal, one snapshot 80 columns wide (COLUMNS sets another width). Figures over --max-5xx-rate, --max-4xx-rate or --max-p99 are red on a terminal. --watch redraws in place every 30 s (or the interval given) until Ctrl-C, each refresh one GetMetricData call for everything on screen. --routes adds each method\'s (REST) or route\'s panels where detailed metrics are on, and otherwise says how to turn them on. --all: a row per API and stage of the region with metrics (requests, 5XX rate, p99, and the trend of the 5XX rate), worst first, over the last --since (default 1h), with one GetMetricData call per 500 queries.'

  static examples = [
    'apigw dashboard --api shop --stage prod',
    'apigw dashboard --api shop --stage prod --since 1h --watch',
    'apigw dashboard --api shop --stage prod --routes --max-p99 800ms',
    'apigw dashboard --all',
    'apigw dashboard --all --regions us-east-1,eu-west-1 --profiles prod,staging',
    'apigw dashboard --api shop --stage prod --json',
  ]

  static flags = {
    api: apiFlag('any', {required: false, exclusive: ['all']}),
    stage: stageFlag({required: false, exclusive: ['all']}),
    all: Flags.boolean({description: 'every API and stage of the region, worst first'}),
    ...metricWindowFlags('3h, or 1h with --all'),
    period: periodFlag({exclusive: ['all']}),
    watch: Flags.string({description: `redraw in place every ${DEFAULT_WATCH}, or the interval given (--watch 10s), until Ctrl-C`, exclusive: ['all']}),
    routes: Flags.boolean({description: "each method's or route's panels (needs detailed metrics)", exclusive: ['all']}),
    ...limitFlags({'max-5xx-rate': '1%', 'max-4xx-rate': '5%', 'max-p99': 'off'}),
    ...fleetFlags(['all']),
  }

  async run(): Promise<void> {
    this.argv = withDefaultValue(this.argv, '--watch', DEFAULT_WATCH)
    const {flags} = await this.parseFlags(Dashboard)
    const thresholds = absoluteGates({'max-5xx-rate': flags['max-5xx-rate'], 'max-4xx-rate': flags['max-4xx-rate'], 'max-p99': flags['max-p99']})
    if (flags.all) return this.fleet(parseWindow(windowOf(flags), '1h'), thresholds, {specs: targets({regions: flags.regions, profiles: flags.profiles}), strict: flags.strict})
    if (!flags.api || !flags.stage) throw usageError('--api and --stage name the stage to show (or --all for every stage of the region).', ['Try: apigw dashboard --api shop --stage prod'])
    const span = parseSpan(parseWindow(windowOf(flags), '3h'), flags.period)
    const watchMs = flags.watch === undefined ? undefined : parseDuration(flags.watch, '--watch')
    if (watchMs !== undefined && span.clock) throw usageError('--end fixes the window; --watch follows the present.', ['Try: leave out --watch or --end'])
    if (watchMs !== undefined && watchMs < 1000) throw usageError(`--watch must be at least 1s; got "${flags.watch}".`, [`Try: --watch ${DEFAULT_WATCH}`])

    const session = await this.session()
    const {openDashboard} = await loadStageDashboard()
    const dashboard = await openDashboard(session, {api: flags.api, stage: flags.stage, ...span, routes: flags.routes, thresholds})
    for (const notice of dashboard.notices) this.warning(notice)
    const live = watchMs !== undefined && Boolean(process.stdout.isTTY) && this.outputFormat() === 'table' && process.env.TERM !== 'dumb'
    if (!live) {
      if (watchMs !== undefined) this.note('--watch redraws on a terminal only: printed one snapshot.')
      const screen = screenSize()
      await this.emit({data: await dashboard.read(), view: async () => {
        const {dashboardView} = await import('../cli/ui/dashboard-view.js')
        return (data, colors) => dashboardView(data, colors, {width: screen.width, height: screen.height && screen.height - 1})
      }})
      return
    }
    const {dashboardView} = await import('../cli/ui/dashboard-view.js')
    const {redrawer} = await import('../cli/ui/redraw.js')
    const {palette} = await import('../cli/ui/palette.js')
    const {colorEnabled} = await import('../cli/ui/color.js')
    const colors = palette(colorEnabled({flag: flags.color, env: process.env, isTTY: true}))
    const screen = redrawer(process.stdout)
    for (;;) {
      session.renewRetryBudget()
      const data = await dashboard.read()
      const size = screenSize()
      const footer = colors.dim(`Every ${formatDuration(watchMs)}; read ${new Date().toISOString().slice(11, 19)} UTC. Ctrl-C to stop.`)
      // The redrawer keeps the last column free (a full line would wrap): one column less, one row for the footer.
      screen.draw(`${dashboardView(data, colors, {width: size.width - 1, height: size.height && size.height - 1})}\n${footer}`)
      await new Promise((resolve) => setTimeout(resolve, watchMs))
    }
  }

  /** --all: the fleet view; with --regions or --profiles, every target's rows in one table. */
  private async fleet(window: ReadWindow, thresholds: Thresholds, fleet: {specs?: TargetSpec[]; strict: boolean}): Promise<void> {
    if (window.sinceMs < 60_000) throw usageError(`The window must be at least a minute; got ${window.label}.`, ['Try: --since 1h'])
    const {readFleet} = await loadFleetDashboard()
    const view = async () => {
      const {fleetView} = await import('../cli/ui/fleet-view.js')
      return (data: Parameters<typeof fleetView>[0], colors: Parameters<typeof fleetView>[1]) => fleetView(data, colors, thresholds)
    }
    if (!fleet.specs) return this.emit({data: await readFleet(await this.session(), window), view})
    const {readFleetTargets} = await loadFleetTargets()
    const data = await readFleetTargets(fleet.specs, (spec) => this.targetSession(spec), window)
    const exit = failedTargetsExit(data, fleet.strict, (message) => this.warning(message))
    await this.emit({data, view})
    if (exit !== undefined) this.exit(exit)
  }
}
