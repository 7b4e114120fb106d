import {spawn} from 'node:child_process'
import {closeSync, existsSync, fchmodSync, mkdirSync, openSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {ApigwError, ExitCode} from '../errors.js'
import {systemClock, type Clock} from '../util/clock.js'
import {TOKEN_HEADER, type Faults} from 'apigw-sandbox/contract'
import type {Sandbox} from 'apigw-sandbox'
import type {Env} from '../aws/index.js'
import {lastStartedElsewhere, locateSandbox, type LocatedSandbox, type LocateOptions} from './locate.js'
import {findRunning, isAlive, portInUse, readRuntimeFile, refuseSecondSandbox, rememberStarted, startRefusal, type ControlTarget, type RuntimeInfo} from './runtime.js'
import {withStartLock} from './start-lock.js'

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
  const {daemonScript, clock = systemClock} = options
  // Named one by one: the command line is visible to every user of the machine (ps).
  const hostOptions = {stateDir: options.stateDir, port: options.port, faults: options.faults, transitionDelayMs: options.transitionDelayMs, idleTimeoutMs: options.idleTimeoutMs}
  mkdirSync(options.stateDir, {recursive: true, mode: 0o700})
  const logPath = join(options.stateDir, LOG_FILE)
  const log = openSync(logPath, 'a', 0o600)
  // A log an older apigw made may be readable by others.
  fchmodSync(log, 0o600)
  const child = spawn(process.execPath, [daemonScript, JSON.stringify(hostOptions)], {detached: true, stdio: ['ignore', log, log]})
  closeSync(log)
  let exited = false
  let exitCode: number | null = null
  child.once('exit', (code) => {
    exited = true
    exitCode = code
  })
  child.unref()
  const deadline = clock.now() + START_TIMEOUT_MS
  while (clock.now() < deadline) {
    const info = readRuntimeFile(options.stateDir)
    if (info && info.pid === child.pid) return info
    if (exited) break
    await clock.sleep(POLL_MS)
  }
  // The daemon exits with apigw's exit code for why it did not start: 5 is a busy port.
  if (exitCode === ExitCode.conflict) throw portInUse(options.port)
  const lastLine = existsSync(logPath) ? readFileSync(logPath, 'utf8').trim().split('\n').at(-1) : undefined
  throw new ApigwError(`The sandbox did not start${lastLine ? `: ${lastLine}` : ''}.`, {
    code: 'SANDBOX_START_FAILED',
    exitCode: ExitCode.unavailable,
    suggestions: [`See ${logPath}`, 'Try: apigw sandbox start (in the foreground, to see why)'],
  })
}

/** The running sandbox a `sandbox …` command means (see locateSandbox), or a clear error saying how to start one. */
export async function requireRunning(options: LocateOptions): Promise<LocatedSandbox> {
  const info = await locateSandbox(options)
  if (!info) {
    const where = options.endpointUrl === undefined ? `with state in ${options.stateDir}` : `at ${options.endpointUrl}`
    throw new ApigwError(`No sandbox is running ${where}.`, {
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
export async function stopSandbox(info: LocatedSandbox, clock: Clock = systemClock): Promise<void> {
  await controlCall(info, 'POST', 'shutdown').catch(() => process.kill(info.pid, 'SIGTERM'))
  const deadline = clock.now() + STOP_TIMEOUT_MS
  // Gone when its process is, or when it has removed its runtime file (its last act before exiting).
  while (isAlive(info.pid) && (info.stateDir === null || readRuntimeFile(info.stateDir)?.pid === info.pid)) {
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

/**
 * Forgets every API, key, plan and metric: through the running sandbox, or on disk when none runs
 * (a sandbox named by --endpoint-url alone must be running: its state directory is not known).
 */
export async function resetSandbox(options: LocateOptions): Promise<'running' | 'stopped'> {
  const info = options.endpointUrl === undefined ? await locateSandbox(options) : await requireRunning(options)
  if (info) {
    await controlCall(info, 'POST', 'reset')
    return 'running'
  }
  for (const file of ['state.json', 'journal.ndjson']) rmSync(join(options.stateDir, file), {force: true})
  return 'stopped'
}

/** `sandbox start --detach`: refused when one runs on the state directory already, even one starting this instant. */
export async function startDetachedAlone({env, ...options}: DetachedOptions & {env: Env}): Promise<RuntimeInfo> {
  const info = await withStartLock(options.stateDir, async () => {
    await refuseSecondSandbox(options.stateDir)
    return startDetached(options)
  }, options.clock)
  rememberStarted(env, options.stateDir)
  return info
}

/**
 * `sandbox start` in the foreground: this process runs the sandbox, started through the sandbox's
 * own startSandbox, and refused like a detached start when one runs on the state directory already.
 */
export async function startForeground({env, clock, ...options}: Omit<DetachedOptions, 'daemonScript' | 'faults'> & {faults: Faults; env: Env}): Promise<{sandbox: Sandbox; info: RuntimeInfo}> {
  const {startSandbox} = await import('apigw-sandbox')
  const sandbox = await withStartLock(options.stateDir, () => startSandbox(options), clock).catch((error) => {
    throw startRefusal(error)
  })
  rememberStarted(env, options.stateDir)
  // Started with a state directory, it has written its runtime file.
  return {sandbox, info: sandbox.runtime!}
}

export interface EnsureOptions extends Omit<DetachedOptions, 'port'> {
  env: Env
}

/** Which sandbox --sandbox uses: the default state directory's, this user's last started one, or one it started. */
export type SandboxInUse = {info: RuntimeInfo; how: 'default' | 'last-started' | 'started'}

/** The sandbox --sandbox would use if one runs (see ensureSandbox), never starting one. */
export async function sandboxInUse(stateDir: string, env: Env): Promise<SandboxInUse | undefined> {
  const running = await findRunning(stateDir)
  if (running) return {info: running, how: 'default'}
  const other = await lastStartedElsewhere(stateDir, env)
  return other && {info: other, how: 'last-started'}
}

/**
 * The sandbox --sandbox uses. Never a second one when this user runs one already: the default state
 * directory's, else the last one started (e.g. with --state-dir); else it starts one in the
 * background on the default state directory. Processes doing this at once share one start.
 */
export async function ensureSandbox({env, ...options}: EnsureOptions): Promise<SandboxInUse> {
  const running = await sandboxInUse(options.stateDir, env)
  if (running) return running
  return withStartLock(options.stateDir, async () => {
    // Another process may have started it while this one waited for the lock.
    const started = await findRunning(options.stateDir)
    if (started) return {info: started, how: 'default'}
    const info = await startDetached({...options, port: 0})
    rememberStarted(env, options.stateDir)
    return {info, how: 'started'}
  }, options.clock)
}

export interface SandboxStatus {
  running: boolean
  /** null for a sandbox found by --endpoint-url and APIGW_SANDBOX_TOKEN alone. */
  stateDir: string | null
  endpoint: string | null
  pid: number | null
  startedAt: string | null
  faults: string | null
  records: Record<string, number>
}

/** Whether the sandbox a `sandbox …` command means runs, where, and what it holds. */
export async function sandboxStatus(options: LocateOptions): Promise<SandboxStatus> {
  const info = await locateSandbox(options)
  if (!info) {
    const stateDir = options.endpointUrl === undefined ? options.stateDir : null
    return {running: false, stateDir, endpoint: options.endpointUrl ?? null, pid: null, startedAt: null, faults: null, records: {}}
  }
  const live = await controlCall<{faults: string; records: Record<string, number>}>(info, 'GET', 'status')
  return {running: true, stateDir: info.stateDir, endpoint: info.endpoint, pid: info.pid, startedAt: info.startedAt, faults: live.faults, records: live.records}
}
