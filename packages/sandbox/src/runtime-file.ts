import {readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {TOKEN_HEADER} from './guard.js'

/**
 * The runtime file (sandbox.json) a sandbox with a state directory writes there while it runs, so
 * that other processes can find it and its control token. Readable by its owner alone.
 */
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

/** Whether a process runs (one of another user's counts: it cannot be signalled, but it is there). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
