import {sparkline} from './sparkline.js'
import {type RolloutEnd, type RolloutEvent, stateText} from '../../lib/canary/index.js'
import {type GateResult, millis, percent} from '../../lib/metrics/index.js'
import {formatDuration} from '../../lib/util/duration.js'
import {escapeDeep} from '../../lib/util/escape.js'
import {windowText} from './metric-format.js'
import type {Palette} from './palette.js'
import {renderKeyValues, renderTable, type Cell} from './table.js'

type Started = Extract<RolloutEvent, {event: 'started'}>
type StepStarted = Extract<RolloutEvent, {event: 'step-started'}>
type Evaluation = Extract<RolloutEvent, {event: 'evaluation'}>

/** What the live view shows, from the events so far. */
export interface RolloutScreen {
  started?: Started
  step?: StepStarted
  last?: Evaluation
  /** The canary's 5XX rate at each evaluation, oldest first (null: no data). */
  rates5xx: Array<number | null>
}

export function trackEvent(screen: RolloutScreen, event: RolloutEvent): RolloutScreen {
  switch (event.event) {
    case 'started':
      return {...screen, started: event}
    case 'step-started':
      return {...screen, step: event, last: undefined}
    case 'evaluation':
      return {...screen, last: event, rates5xx: [...screen.rates5xx, event.canary.rate5xx]}
    default:
      return screen
  }
}

const gateValue = (gate: GateResult, value: number | null): Cell => (value === null ? null : gate.gate.endsWith('rate') ? percent(value) : millis(value))

/** Time left as "1h05m", "2m05s" or "9s". */
function timeLeft(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60]
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`
}

/** The live view (stderr, redrawn): step, share, time left, each gate's canary vs base, the canary's 5XX sparkline. */
export function liveView(screen: RolloutScreen, now: number, colors: Palette, max5xxRate: number | null): string {
  // Drawn on stderr without the renderer, which escapes everything else: names from AWS escaped here too.
  const {started, step, last} = escapeDeep(screen)
  if (!started || !step) return colors.dim('Starting the rollout…')
  const bakeLeft = Date.parse(step.bakeUntil) - now
  const progress = `${'█'.repeat(step.step)}${'░'.repeat(step.steps - step.step)}`
  const lines = [
    `${colors.bold(`Step ${step.step}/${step.steps}`)}  ${colors.bold(`${step.percent}%`)} to canary ${started.canaryDeploymentId}  ${progress}  ` +
      `${bakeLeft > 0 ? `bake ${timeLeft(bakeLeft)} left` : 'bake done, waiting for a passing evaluation'}  ${colors.dim(`(timeout in ${timeLeft(Date.parse(started.timeoutAt) - now)})`)}`,
  ]
  if (!last) lines.push(colors.dim('Waiting for the first evaluation…'))
  else {
    const outcome = {passed: colors.green('passed'), failed: colors.red('failed'), inconclusive: colors.yellow('inconclusive')}[last.outcome]
    lines.push(`Last evaluation ${last.at.slice(11, 19)} UTC: ${outcome}${last.reason ? ` ${colors.dim(`(${last.reason})`)}` : ''}; failed evaluations ${last.failures}  window ${windowText(last.window)}`)
    const mark = {pass: colors.green('✓'), fail: colors.red('✗'), inconclusive: colors.yellow('?'), skipped: colors.dim('-')}
    lines.push(
      renderTable(
        ['', 'GATE', 'CANARY', 'BASE', 'LIMIT'],
        [
          ...last.gates.map((gate): Cell[] => [mark[gate.status], gate.gate, gateValue(gate, gate.canary), gateValue(gate, gate.base), gate.limit === null ? (gate.detail.endsWith(': off') ? 'off' : gate.status) : `≤ ${gateValue(gate, gate.limit)}`]),
          ['', 'requests', last.canary.requests, last.base.requests, null],
        ],
        colors,
      ),
    )
  }
  lines.push(`5XX ${sparkline(screen.rates5xx, max5xxRate ?? 0)} ${colors.dim('(canary, per evaluation)')}`)
  return lines.join('\n')
}

/** One line per event, for stderr when there is neither a live view nor JSON lines. */
export function eventLine(event: RolloutEvent): string | undefined {
  switch (event.event) {
    case 'started':
      return `Rollout of canary ${event.canaryDeploymentId} over ${event.baseDeploymentId}: ${event.steps.map((p) => `${p}%`).join(', ')}, ${formatDuration(event.bakeSeconds * 1000)} each.`
    case 'step-started':
      return `Step ${event.step}/${event.steps}: ${event.percent}% of traffic to the canary until ${event.bakeUntil.slice(11, 19)} UTC at least.`
    case 'evaluation':
      return `  ${event.at.slice(11, 19)} ${event.outcome}${event.reason ? ` (${event.reason})` : ''}: ${event.gates.filter((g) => g.status !== 'skipped').map((g) => g.detail).join('; ')}`
    case 'gate-failed':
      return `  failed evaluation ${event.failures} (more than ${event.failureLimit} stops the rollout)`
    default:
      return undefined
  }
}

/** How the rollout ended, for stdout. */
export function rolloutEndView(end: RolloutEnd, colors: Palette): string {
  const color = end.exitCode === 0 ? colors.green : colors.red
  const pairs: Array<[string, Cell]> = [
    ['outcome', color(end.event)],
    ['step', end.position ? `${end.position.step}/${end.position.steps} (${end.position.percent}%)` : null],
    ['stage now', end.state ? stateText(end.state) : 'unknown (it could not be read)'],
    ...(end.failedGates ?? []).map((gate): [string, Cell] => ['failed gate', gate.detail]),
  ]
  return [end.message, '', renderKeyValues(pairs, colors)].join('\n')
}
