import type {Env} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {TOKEN_HEADER} from 'apigw-sandbox/contract'
import {defaultStateDir, findRunning, lastStarted, readRuntimeFile, type ControlTarget, type RuntimeInfo} from './runtime.js'

/** A running sandbox as the `sandbox …` commands need it; stateDir is null when only its token was given. */
export interface LocatedSandbox extends ControlTarget {
  pid: number
  stateDir: string | null
  startedAt: string
}

export interface LocateOptions {
  /** --state-dir, else the default state directory. */
  stateDir: string
  /** --endpoint-url: the sandbox serving there, wherever its state is. */
  endpointUrl?: string
  env: Env
}

/**
 * The running sandbox a `sandbox …` command means, or undefined when none answers there. With an
 * endpoint URL, its control token comes from the runtime file (sandbox.json) of this user's
 * sandbox serving that endpoint: the one of --state-dir, the default state directory, or the last
 * started; failing those, from APIGW_SANDBOX_TOKEN.
 */
export async function locateSandbox({stateDir, endpointUrl, env}: LocateOptions): Promise<LocatedSandbox | undefined> {
  if (endpointUrl === undefined) return findRunning(stateDir)
  const endpoint = origin(endpointUrl)
  for (const dir of new Set([stateDir, defaultStateDir(env), lastStarted(env)])) {
    const info = dir === undefined ? undefined : readRuntimeFile(dir)
    if (info && origin(info.endpoint) === endpoint) {
      const running = await findRunning(dir!)
      if (running) return running
    }
  }
  const token = env.APIGW_SANDBOX_TOKEN ?? ''
  const answer = await askStatus(endpoint, token)
  if (answer === undefined) return undefined
  if (answer.status === 200 && typeof answer.body?.pid === 'number') {
    return {endpoint, token, pid: answer.body.pid, stateDir: null, startedAt: String(answer.body.startedAt)}
  }
  if (answer.status === 403) throw tokenMissing(endpoint, token !== '')
  throw new ApigwError(`The endpoint at ${endpoint} is not an apigw sandbox: it answered HTTP ${answer.status} to /_sandbox/status.`, {
    code: 'NOT_A_SANDBOX',
    exitCode: ExitCode.unavailable,
    suggestions: ['Try: apigw sandbox status (without --endpoint-url) to see where your sandbox runs'],
  })
}

/** This user's last started sandbox, when it runs on another state directory than `stateDir`: for a hint. */
export async function lastStartedElsewhere(stateDir: string, env: Env): Promise<RuntimeInfo | undefined> {
  const last = lastStarted(env)
  return last === undefined || last === stateDir ? undefined : findRunning(last)
}

/** The endpoint as one spelling: scheme, host and port, with localhost as 127.0.0.1 (where sandboxes listen). */
function origin(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.hostname === 'localhost') parsed.hostname = '127.0.0.1'
    return parsed.origin
  } catch {
    throw new ApigwError(`--endpoint-url must be a URL such as http://127.0.0.1:4599; got "${url}".`, {code: 'USAGE', exitCode: ExitCode.usage, suggestions: ['Try: apigw sandbox status']})
  }
}

async function askStatus(endpoint: string, token: string): Promise<{status: number; body?: {pid?: unknown; startedAt?: unknown}} | undefined> {
  try {
    const response = await fetch(`${endpoint}/_sandbox/status`, {headers: {[TOKEN_HEADER]: token}, signal: AbortSignal.timeout(2000)})
    const body = response.status === 200 ? await response.json().catch(() => undefined) : undefined
    return {status: response.status, body}
  } catch {
    // Nothing listens there (or it does not answer): no sandbox runs at that endpoint.
    return undefined
  }
}

function tokenMissing(endpoint: string, tokenGiven: boolean): ApigwError {
  const message = tokenGiven
    ? `The sandbox at ${endpoint} refused APIGW_SANDBOX_TOKEN: it is not that sandbox's control token.`
    : `A sandbox answers at ${endpoint}, but none of your sandbox runtime files (sandbox.json) names it, so apigw does not have its control token.`
  return new ApigwError(message, {
    code: 'SANDBOX_TOKEN_MISSING',
    exitCode: ExitCode.config,
    suggestions: ['Try: --state-dir <the directory that sandbox was started with>, or export APIGW_SANDBOX_TOKEN=<"token" in its sandbox.json>'],
  })
}
