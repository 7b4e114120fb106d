import {spawn} from 'node:child_process'
import {closeSync, existsSync, fchmodSync, mkdirSync, openSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {ApigwError, ExitCode} from '../errors.js'
import {systemClock, type Clock} from '../util/clock.js'
import {TOKEN_HEADER} from '../../sandbox/guard.js'
import {findRunning, isAlive, readRuntimeFile, type ControlTarget, type RuntimeInfo} from './runtime.js'

const LOG_FILE = 'sandbox.log'
const START_TIMEOUT_MS = 10_000
const STOP_TIMEOUT_MS = 10_000
const POLL_MS = 50

export interface DetachedOptions {
  /** dist/sandbox/main.js of this apigw. */
  daemonScript: string
  stateDir: string
  port: number
  transitionDelayMs: number
  idleTimeoutMs: number
  faults?: unknown
  clock?: Clock
}

/** Starts a sandbox in a background process of its own and waits until it answers. */
export async function startDetached(options: DetachedOptions): Promise<RuntimeInfo> {
  const {daemonScript, clock = systemClock, ...hostOptions} = options
  mkdirSync(options.stateDir, {recursive: true, mode: 0o700})
  const logPath = join(options.stateDir, LOG_FILE)
  const log = openSync(logPath, 'a', 0o600)
  // A log an older apigw made may be readable by others.
  fchmodSync(log, 0o600)
  const child = spawn(process.execPath, [daemonScript, JSON.stringify(hostOptions)], {detached: true, stdio: ['ignore', log, log]})
  closeSync(log)
  let exited = false
  child.once('exit', () => (exited = true))
  child.unref()
  const deadline = clock.now() + START_TIMEOUT_MS
  while (clock.now() < deadline) {
    const info = readRuntimeFile(options.stateDir)
    if (info && info.pid === child.pid) return info
    if (exited) break
    await clock.sleep(POLL_MS)
  }
  const lastLine = existsSync(logPath) ? readFileSync(logPath, 'utf8').trim().split('\n').at(-1) : undefined
  throw new ApigwError(`The sandbox did not start${lastLine ? `: ${lastLine}` : ''}.`, {
    code: 'SANDBOX_START_FAILED',
    exitCode: ExitCode.unavailable,
    suggestions: [`See ${logPath}`, 'Try: apigw sandbox start (in the foreground, to see why)'],
  })
}

/** The running sandbox of a state directory, or a clear error saying how to start one. */
export async function requireRunning(stateDir: string): Promise<RuntimeInfo> {
  const info = await findRunning(stateDir)
  if (!info) {
    throw new ApigwError(`No sandbox is running with state in ${stateDir}.`, {
      code: 'SANDBOX_NOT_RUNNING',
      exitCode: ExitCode.unavailable,
      suggestions: ['Try: apigw sandbox start --detach'],
    })
  }
  return info
}

/** Calls one of the sandbox's own /_sandbox/ endpoints, with its token. */
export async function controlCall<T>({endpoint, token}: ControlTarget, method: string, path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(`${endpoint}/_sandbox/${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: {'content-type': 'application/json', [TOKEN_HEADER]: token},
      signal: AbortSignal.timeout(30_000),
    })
  } catch (error) {
    throw new ApigwError(`The sandbox at ${endpoint} did not answer: ${(error as Error).message}.`, {
      code: 'ENDPOINT_UNREACHABLE',
      exitCode: ExitCode.unavailable,
      suggestions: ['Try: apigw sandbox status'],
      cause: error,
    })
  }
  const text = await response.text()
  const payload = text ? JSON.parse(text) : undefined
  if (!response.ok) {
    const type = response.headers.get('x-amzn-errortype') ?? 'Error'
    throw new ApigwError(`The sandbox refused: ${type}: ${payload?.message ?? response.statusText}`, {
      code: type === 'NotFoundException' ? 'NOT_FOUND' : 'SANDBOX_REFUSED',
      exitCode: type === 'NotFoundException' ? ExitCode.notFound : ExitCode.usage,
      suggestions: ['Try: the command again with --help, to check its flags'],
    })
  }
  return payload as T
}

/** Asks the sandbox to stop and waits until its process is gone. */
export async function stopSandbox(info: RuntimeInfo, clock: Clock = systemClock): Promise<void> {
  await controlCall(info, 'POST', 'shutdown').catch(() => process.kill(info.pid, 'SIGTERM'))
  const deadline = clock.now() + STOP_TIMEOUT_MS
  // Gone when its process is, or when it has removed its runtime file (its last act before exiting).
  while (isAlive(info.pid) && readRuntimeFile(info.stateDir)?.pid === info.pid) {
    if (clock.now() > deadline) {
      throw new ApigwError(`The sandbox (pid ${info.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s.`, {
        code: 'SANDBOX_STOP_TIMEOUT',
        exitCode: ExitCode.timeout,
        suggestions: [`Try: kill ${info.pid}`],
      })
    }
    await clock.sleep(POLL_MS)
  }
}

/** Forgets every API, key, plan and metric: through the running sandbox, or on disk when none runs. */
export async function resetSandbox(stateDir: string): Promise<'running' | 'stopped'> {
  const info = await findRunning(stateDir)
  if (info) {
    await controlCall(info, 'POST', 'reset')
    return 'running'
  }
  for (const file of ['state.json', 'journal.ndjson']) rmSync(join(stateDir, file), {force: true})
  return 'stopped'
}

export interface EnsureOptions extends Omit<DetachedOptions, 'port'> {
  onStarted(info: RuntimeInfo): void
}

/** The endpoint of the state directory's sandbox, starting one in the background if none runs. */
export async function ensureSandbox(options: EnsureOptions): Promise<string> {
  const running = await findRunning(options.stateDir)
  if (running) return running.endpoint
  const info = await startDetached({...options, port: 0})
  options.onStarted(info)
  return info.endpoint
}

export interface SandboxStatus {
  running: boolean
  stateDir: string
  endpoint: string | null
  pid: number | null
  startedAt: string | null
  faults: string | null
  records: Record<string, number>
}

export async function sandboxStatus(stateDir: string): Promise<SandboxStatus> {
  const info = await findRunning(stateDir)
  if (!info) return {running: false, stateDir, endpoint: null, pid: null, startedAt: null, faults: null, records: {}}
  const live = await controlCall<{faults: string; records: Record<string, number>}>(info, 'GET', 'status')
  return {running: true, stateDir, endpoint: info.endpoint, pid: info.pid, startedAt: info.startedAt, faults: live.faults, records: live.records}
}
