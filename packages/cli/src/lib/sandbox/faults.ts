import {LOST_ANSWERS, MAX_LATENCY_MS, noFaults, OPERATION_NAMES, type FailCall, type Faults, type LostAnswer, type LostCall} from 'apigw-sandbox/contract'
import {usageError} from '../errors.js'
import {parseDuration} from '../util/duration.js'
import {parseNamedValues, parsePercent} from '../util/percent.js'
import {closestMatches} from '../util/text.js'

/*
 * The faults syntax of `apigw sandbox start --faults` and `apigw sandbox faults`, turned into the
 * sandbox's faults (which it takes as JSON): apigw's own words for a person at a terminal, with
 * usage errors (exit 2) that suggest what to type instead.
 */

const SHARE_NAMES = ['throttle', 'error', 'reset', 'latency'] as const
const ALL_NAMES = [...SHARE_NAMES, 'fail', 'lost'] as const
const EXAMPLE = 'throttle=20%,error=5%,reset=2%,latency=300ms'
const FAIL_EXAMPLE = 'fail=CreateUsagePlanKey#2'
const LOST_EXAMPLE = 'lost=CreateApiKey#1:503'
const LATENCY_EXAMPLE = 'latency=UpdateStage:400ms'

/**
 * Parses "throttle=20%,error=5%,reset=2%,latency=300ms,latency=UpdateStage:400ms,fail=CreateUsagePlanKey#2,
 * lost=CreateApiKey#1:503,lost=2%"; "none" (or "") clears every fault.
 */
/** How faults were typed, for messages and "Try:" lines: `sandbox start --faults <spec>` or `apigw sandbox faults <spec>`. */
export interface FaultsTypedAs {
  label: string
  typed(spec: string): string
}
export const FAULTS_FLAG: FaultsTypedAs = {label: '--faults', typed: (spec) => `--faults ${spec}`}
export const FAULTS_COMMAND: FaultsTypedAs = {label: 'sandbox faults', typed: (spec) => `apigw sandbox faults ${spec}`}

export function parseFaults(text: string, as: FaultsTypedAs = FAULTS_FLAG): Faults {
  const faults = noFaults()
  if (text.trim() === '' || text.trim() === 'none') return faults
  const shares: string[] = []
  for (const part of text.split(',')) {
    const at = part.indexOf('=')
    const name = part.slice(0, at).trim()
    const value = part.slice(at + 1).trim()
    if (at === -1 || !(ALL_NAMES as readonly string[]).includes(name)) {
      throw usageError(`${as.label} takes ${ALL_NAMES.map((n) => `${n}=…`).join(', ')}; got "${part}".`, [`Try: ${as.typed(EXAMPLE)}`])
    }
    if (name === 'fail') faults.fail.push(parseFailCall(value, as))
    else if (name === 'lost' && /^[\d.]+\s*%?(:\w+)?$/.test(value)) parseLostShare(value, faults, as)
    else if (name === 'lost') faults.lost.push(parseLostCall(value, as))
    else if (name === 'latency' && value.includes(':')) parseOperationLatency(value, faults, as)
    else shares.push(part)
  }
  // Each value is labelled as typed, e.g. "--faults throttle".
  const values =
    shares.length === 0
      ? {}
      : parseNamedValues(shares.join(','), as.label, SHARE_NAMES, EXAMPLE, (value, label) =>
          label.endsWith('latency') ? parseLatency(value, 'latency', as) : parsePercent(value, label, as.typed(EXAMPLE)),
        )
  Object.assign(faults, {throttle: values.throttle ?? 0, error: values.error ?? 0, reset: values.reset ?? 0, latencyMs: values.latency ?? 0})
  checkShares(faults, as)
  return faults
}

function checkShares(faults: Faults, as: FaultsTypedAs): void {
  if (faults.throttle + faults.error + faults.reset > 1) {
    throw usageError('throttle, error and reset add up to more than 100%.', [`Try: ${as.typed(EXAMPLE)}`])
  }
}

function parseLatency(text: string, label: string, as: FaultsTypedAs): number {
  const ms = parseDuration(text, label)
  if (ms > MAX_LATENCY_MS) throw usageError(`${label} is at most ${MAX_LATENCY_MS / 1000}s; got "${text}".`, [`Try: ${as.typed(LATENCY_EXAMPLE)}`])
  return ms
}

/** "CreateUsagePlanKey#2", or "CreateUsagePlanKey" for its next call. */
function parseFailCall(text: string, as: FaultsTypedAs): FailCall {
  const match = /^(\w+)(?:#(\d+))?$/.exec(text)
  const call = Number(match?.[2] ?? 1)
  if (!match || call < 1) throw usageError(`fail takes an operation and which of its calls from now fails, e.g. ${FAIL_EXAMPLE}; got "${text}".`, [`Try: ${as.typed(FAIL_EXAMPLE)}`])
  return {operation: knownOperation(match[1], FAIL_EXAMPLE, as), call}
}

/** "CreateApiKey#2:503": like a fail call, with how the answer is lost (reset when not given). */
function parseLostCall(text: string, as: FaultsTypedAs): LostCall {
  const match = /^(\w+)(?:#(\d+))?(?::(\w+))?$/.exec(text)
  const call = Number(match?.[2] ?? 1)
  if (!match || call < 1) {
    throw usageError(`lost takes an operation, which of its calls from now loses its answer and how (reset, 503 or timeout), e.g. ${LOST_EXAMPLE}; got "${text}".`, [`Try: ${as.typed(LOST_EXAMPLE)}`])
  }
  return {operation: knownOperation(match[1], LOST_EXAMPLE, as), call, answer: lostAnswer(match[3] ?? 'reset', as)}
}

/** "2%" or "2%:503": that share of write calls. */
function parseLostShare(text: string, faults: Faults, as: FaultsTypedAs): void {
  const [share, answer] = text.split(':')
  faults.lostShare = parsePercent(share, 'lost', as.typed('lost=2%:503'))
  faults.lostShareAnswer = lostAnswer(answer ?? 'reset', as)
}

/** "UpdateStage:400ms". */
function parseOperationLatency(text: string, faults: Faults, as: FaultsTypedAs): void {
  const [operation, duration] = text.split(':').map((s) => s.trim())
  faults.operationLatencyMs[knownOperation(operation, LATENCY_EXAMPLE, as)] = parseLatency(duration, `latency ${operation}`, as)
}

function lostAnswer(text: string, as: FaultsTypedAs): LostAnswer {
  if ((LOST_ANSWERS as readonly string[]).includes(text)) return text as LostAnswer
  throw usageError(`A lost answer is lost by ${LOST_ANSWERS.join(', ')}; got "${text}".`, [`Try: ${as.typed(LOST_EXAMPLE)}`])
}

function knownOperation(operation: string, example: string, as: FaultsTypedAs): string {
  if (OPERATION_NAMES.has(operation)) return operation
  const close = closestMatches(operation, [...OPERATION_NAMES])
  throw usageError(`The sandbox serves no operation named "${operation}" (AWS's names, e.g. CreateUsagePlanKey).`, [
    ...(close.length > 0 ? [`Did you mean: ${close.join(', ')}?`] : []),
    `Try: ${as.typed(example)}`,
  ])
}

