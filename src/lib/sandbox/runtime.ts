import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {dirname, join} from 'node:path'
import type {Env} from '../aws/index.js'
import {TOKEN_HEADER} from '../../sandbox/guard.js'
import {ApigwError, ExitCode} from '../errors.js'

/** What a running sandbox writes into its state directory, so other apigw processes can find it. */
export interface RuntimeInfo {
  pid: number
  endpoint: string
  port: number
  stateDir: string
  startedAt: string
  /** Stops by itself after this long without AWS calls; 0 = never. */
  idleTimeoutMs: number
  /** What the sandbox's /_sandbox/ endpoints want in the x-apigw-sandbox-token header. */
  token: string
}

/** Where a sandbox's control endpoints are, and the token they want. */
export type ControlTarget = Pick<RuntimeInfo, 'endpoint' | 'token'>


const RUNTIME_FILE = 'sandbox.json'

/** APIGW_SANDBOX_DIR, else ~/.apigw/sandbox. */
export function defaultStateDir(env: Env): string {
  return env.APIGW_SANDBOX_DIR || join(env.HOME || homedir(), '.apigw', 'sandbox')
}

/** Where this user's last started sandbox is remembered, so `--sandbox` finds one started with --state-dir. */
function lastStartedPath(env: Env): string {
  return join(env.HOME || homedir(), '.apigw', 'last-sandbox')
}

/** Remembers `stateDir` as this user's last started sandbox. */
export function rememberStarted(env: Env, stateDir: string): void {
  const path = lastStartedPath(env)
  mkdirSync(dirname(path), {recursive: true, mode: 0o700})
  writeFileSync(path, `${stateDir}\n`, {mode: 0o600})
}

/** The state directory of this user's last started sandbox, if one was started. */
export function lastStarted(env: Env): string | undefined {
  try {
    return readFileSync(lastStartedPath(env), 'utf8').trim() || undefined
  } catch {
    return undefined
  }
}

/** Written atomically and readable by the owner alone: it holds the control token. */
export function writeRuntime(info: RuntimeInfo): void {
  const path = join(info.stateDir, RUNTIME_FILE)
  // A temp file a killed sandbox left behind (only one sandbox runs per state directory).
  for (const name of readdirSync(info.stateDir)) if (name.startsWith(`${RUNTIME_FILE}.`) && name.endsWith('.tmp')) rmSync(join(info.stateDir, name), {force: true})
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify(info, null, 2), {mode: 0o600})
  renameSync(temporary, path)
}

/** What the runtime file says, whether or not that sandbox still runs. */
export function readRuntimeFile(stateDir: string): RuntimeInfo | undefined {
  try {
    return JSON.parse(readFileSync(join(stateDir, RUNTIME_FILE), 'utf8')) as RuntimeInfo
  } catch {
    return undefined
  }
}

/**
 * The sandbox running for a state directory: its runtime file names a live process that answers
 * as that process. A file left by a killed sandbox (even one whose process lingers as a zombie) is ignored.
 */
export async function findRunning(stateDir: string): Promise<RuntimeInfo | undefined> {
  const info = readRuntimeFile(stateDir)
  if (!info || !isAlive(info.pid)) return undefined
  try {
    const response = await fetch(`${info.endpoint}/_sandbox/status`, {headers: {[TOKEN_HEADER]: info.token ?? ''}, signal: AbortSignal.timeout(2000)})
    const status = (await response.json()) as {pid?: number}
    return status.pid === info.pid ? info : undefined
  } catch {
    return undefined
  }
}

/** Removes the runtime file if it is still this process's. */
export function removeRuntime(stateDir: string, pid: number): void {
  const path = join(stateDir, RUNTIME_FILE)
  try {
    if ((JSON.parse(readFileSync(path, 'utf8')) as RuntimeInfo).pid === pid) rmSync(path)
  } catch {
    // Already gone.
  }
}

/** Two sandboxes on one state directory would overwrite each other's journal. */
export async function refuseSecondSandbox(stateDir: string): Promise<void> {
  const running = await findRunning(stateDir)
  if (!running) return
  throw new ApigwError(`A sandbox is already running on ${running.endpoint} (pid ${running.pid}) with state in ${stateDir}.`, {
    code: 'SANDBOX_RUNNING',
    exitCode: ExitCode.conflict,
    suggestions: ['Try: apigw sandbox stop, or --state-dir <another directory> for a second sandbox'],
  })
}

export function portInUse(port: number): ApigwError {
  return new ApigwError(`Port ${port} is already in use on 127.0.0.1.`, {
    code: 'PORT_IN_USE',
    exitCode: ExitCode.conflict,
    suggestions: ['Try: --port 0 (any free port)'],
  })
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
