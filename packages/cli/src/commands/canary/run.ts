import {ApigwCommand} from '../../cli/base-command.js'
import {reportToCi} from '../../cli/ci/index.js'
import {apiFlag, changeFlags, stageFlag} from '../../cli/flags.js'
import {Flags} from '../../cli/oclif/command.js'
import type {RolloutEvent} from '../../lib/canary/index.js'
import type {RolloutSettings} from '../../lib/canary/index.js'
import type {StageLease} from '../../lib/canary/index.js'
import type {CanaryRollout} from '../../lib/canary/index.js'
import {ExitCode} from '../../lib/errors.js'
import {toSafeJson} from '../../lib/util/escape.js'
import {loadCanaryRun, loadRolloutSettings} from '../../lib/canary/index.js'
import {loadReleaseActor} from '../../lib/releases/index.js'
import {loadChangeRunner} from '../../lib/change/index.js'

/** How often the live view redraws, for the time left. */
const REDRAW_MS = 1000

export default class CanaryRun extends ApigwCommand {
  static summary = 'take a canary through traffic steps, judging CloudWatch metrics at each, then promote it or roll it back'
  static description =
    'For each --steps percentage: sets the canary\'s share, bakes for --bake, and every --interval reads the canary\'s and the base\'s metrics (one GetMetricData call) and judges the gates: 5XX and 4XX rates, p99 latency, and p99 against the base\'s (--max-latency-increase). Fewer than --min-requests canary requests is inconclusive, never a pass: the step waits, up to --timeout. More than --failure-limit failed evaluations: --on-fail (abort: the canary is removed; pause: it stays at 0%) and exit 1, naming the gate and its numbers. All steps passed: promote (unless --no-promote), exit 0. Timeout: --on-fail, exit 7. Someone else changes the stage meanwhile: stop, leave it as found, exit 5. One run per stage: a second one refuses (exit 5) naming who holds the stage, unless --takeover (for a run that died). After any failure the last event describes the stage as it is read again, not as last written. Ctrl-C: asks on a terminal (abort, pause or leave); elsewhere pauses; exit 130. Without --deployment a new deployment of the API as it is now becomes the canary; a stage that already has a canary is taken through the steps only when --deployment names its deployment. Settings can come from a YAML file (--plan), flags win. On a terminal a live view is redrawn on stderr; otherwise (or with --json) one JSON line per event goes to stdout. Promotes at the end, so it asks on a terminal and needs --yes elsewhere. When gates fail, the canary\'s first error lines follow on stderr (one FilterLogEvents: its execution log failures, else its access log 5XX lines) with the `apigw logs` commands that show more; logs that cannot be read are said, never a failure. In GitHub Actions a rollout that did not end well is an ::error annotation, and its steps and gates go to the job summary (docs/ci.md).'

  static examples = [
    'apigw canary run --api shop --stage prod --steps 5,10,25,50,100 --bake 5m',
    'apigw canary run --api shop --stage prod --deployment a1b2c3 --plan canary.yaml --yes --json',
    'apigw canary run --api shop --stage prod --steps 10,50 --bake 10m --max-p99 800ms --on-fail pause --no-promote --yes',
    'apigw canary run --api shop --stage prod --plan canary.yaml --dry-run',
  ]

  static flags = {
    api: apiFlag('rest'),
    stage: stageFlag(),
    deployment: Flags.string({description: "the canary's deployment id (default: deploy the API as it is now)"}),
    description: Flags.string({description: 'description of the new deployment (without --deployment)', exclusive: ['deployment']}),
    // The rollout file: its flag keeps the name it has always had.
    plan: Flags.string({description: 'YAML file of rollout settings (the flags\' names as fields); flags override it'}),
    steps: Flags.string({description: 'canary percentages, increasing, e.g. 5,10,25,50,100'}),
    bake: Flags.string({description: 'how long each step runs, e.g. 5m'}),
    interval: Flags.string({description: 'how often the gates are judged (default: 1m)'}),
    window: Flags.string({description: 'how far back an evaluation looks, within the step (default: 5m; whole minutes)'}),
    'max-5xx-rate': Flags.string({description: "most 5XX the canary may answer, e.g. 1%, or off (default: 1%)"}),
    'max-4xx-rate': Flags.string({description: 'most 4XX the canary may answer, or off (default: 5%)'}),
    'max-p99': Flags.string({description: "the canary's highest allowed p99 latency, e.g. 800ms (default: off)"}),
    'max-latency-increase': Flags.string({description: "how much the canary's p99 may exceed the base's, e.g. 20%, or off (default: 20%)"}),
    'min-requests': Flags.string({description: 'canary requests an evaluation needs to be conclusive (default: 200)'}),
    'failure-limit': Flags.string({description: 'failed evaluations tolerated over the rollout (default: 2)'}),
    'on-fail': Flags.option({options: ['abort', 'pause'] as const, description: 'what a failed rollout or a timeout does to the canary (default: abort)'})(),
    promote: Flags.boolean({description: 'promote when every step passed (default; --no-promote leaves the canary at the last step)', allowNo: true}),
    timeout: Flags.string({description: 'the longest the whole rollout may take (default: 2h)'}),
    takeover: Flags.boolean({description: 'take the stage from another canary run that holds it (one that died); that run stops at its next check'}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CanaryRun)
    const {rolloutSettings, SETTINGS} = await loadRolloutSettings()
    const settings = await rolloutSettings(Object.fromEntries(SETTINGS.map((name) => [name, flags[name]])), flags.plan)
    const session = await this.session()
    const {prepareCanaryRun} = await loadCanaryRun()
    const prepared = await prepareCanaryRun(session, {api: flags.api, stage: flags.stage, deployment: flags.deployment, description: flags.description, settings, takeover: flags.takeover})
    for (const note of prepared.notes) this.note(note)
    if (flags['dry-run']) {
      await this.showDryRun(prepared.rollout)
      return
    }
    await this.confirmChange(prepared.rollout)
    // From here Ctrl-C is the rollout's to handle (a canary just started included): never an unreported half-state.
    process.removeAllListeners('SIGINT')
    const interrupted = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()))
    const {releaseActor} = await loadReleaseActor()
    const lease = await prepared.hold({takeover: flags.takeover, holder: releaseActor(process.env)})
    try {
      await this.rollout(prepared, settings, {flags, interrupted, lease})
    } finally {
      await lease.release().catch(() => this.warning('Could not remove this run\'s claim on the stage (its apigw:canary-run-… tag); it expires by itself.'))
    }
  }

  private async rollout(prepared: CanaryRollout, settings: RolloutSettings, {flags, interrupted, lease}: {flags: {color?: boolean}; interrupted: Promise<void>; lease: StageLease}): Promise<void> {
    // The rollout's first phase; its result is the rollout's, printed at the end.
    if (prepared.start) {
      await this.confirmChange(prepared.start)
      await (await loadChangeRunner()).runChange(prepared.start, {onProgress: (line) => this.note(line)})
    }

    const jsonLines = this.outputFormat() === 'json' || !process.stdout.isTTY
    const live = Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb'
    const view = await import('../../cli/ui/canary-run-view.js')
    const colors = (await import('../../cli/report.js')).stderrPalette(flags.color)
    const screen = live ? (await import('../../cli/ui/redraw.js')).redrawer(process.stderr) : undefined
    let shown: ReturnType<typeof view.trackEvent> = {rates5xx: []}
    const redraw = () => screen?.draw(view.liveView(shown, Date.now(), colors, settings.gates.max5xxRate))
    const ticker = screen ? setInterval(redraw, REDRAW_MS) : undefined

    const events: RolloutEvent[] = []
    const emit = (event: RolloutEvent) => {
      events.push(event)
      shown = view.trackEvent(shown, event)
      if (jsonLines) process.stdout.write(`${toSafeJson(event, 0)}\n`)
      if (screen) redraw()
      else if (!jsonLines) {
        const line = view.eventLine(event)
        if (line) this.note(line)
      }
    }
    const end = await prepared.run({
      emit,
      interrupted,
      onInterrupt: async () => {
        clearInterval(ticker)
        screen?.release()
        return this.askOnInterrupt()
      },
      onProgress: screen ? undefined : (line) => this.note(line),
      lease,
    })
    clearInterval(ticker)
    if (!jsonLines) await this.emit({data: end, view: async () => view.rolloutEndView})
    else if (screen) this.note(end.message)
    if (end.failedGates?.length) {
      const {noteCanaryLogs} = await import('../../cli/canary-logs.js')
      const startTime = Date.parse(events[0]?.at ?? '') || Date.now() - 15 * 60_000
      await noteCanaryLogs(await this.session(), {api: prepared.api.id, stage: prepared.stageName, startTime, endTime: Date.now()}, (line) => this.note(line))
    }
    await reportToCi({command: 'canary run', events, end})
    if (end.exitCode !== ExitCode.ok) this.exit(end.exitCode)
  }

  /** On a terminal, the operator chooses; elsewhere (CI) the canary is paused, the safe choice that keeps it. */
  private async askOnInterrupt(): Promise<'abort' | 'pause' | 'leave'> {
    if (!(process.stdin.isTTY && process.stderr.isTTY) || process.env.CI) return 'pause'
    const {select} = await import('@inquirer/prompts')
    try {
      return await select(
        {
          message: 'Interrupted. What should happen to the canary?',
          choices: [
            {value: 'pause' as const, name: 'pause: no traffic to the canary, kept for later'},
            {value: 'abort' as const, name: 'abort: remove the canary, all traffic to the base'},
            {value: 'leave' as const, name: 'leave it at its current share'},
          ],
        },
        {output: process.stderr},
      )
    } catch {
      // A second Ctrl-C at the prompt: the safe choice.
      return 'pause'
    }
  }
}
