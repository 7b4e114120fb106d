import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {dirname, join} from 'node:path'
import {portInUse as sandboxPortInUse, refuseSecondSandbox as sandboxRefusesSecond, SandboxStartError} from 'apigw-sandbox/contract'
import type {Env} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'

// The runtime file is the sandbox's (it writes it); apigw reads it through the sandbox's contract.
export {findRunning, isAlive, readRuntimeFile, type ControlTarget, type RuntimeInfo} from 'apigw-sandbox/contract'

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

const START_SUGGESTIONS: Record<SandboxStartError['code'], string> = {
  SANDBOX_RUNNING: 'Try: apigw sandbox stop, or --state-dir <another directory> for a second sandbox',
  PORT_IN_USE: 'Try: --port 0 (any free port)',
}

/** A sandbox that may not start, as apigw reports it: exit 5, with what to do instead. */
function refusalError(refusal: SandboxStartError): ApigwError {
  return new ApigwError(refusal.message, {code: refusal.code, exitCode: ExitCode.conflict, suggestions: [START_SUGGESTIONS[refusal.code]]})
}

/** For a catch: the sandbox's refusal to start as apigw reports it; any other error as it is. */
export const startRefusal = (error: unknown) => (error instanceof SandboxStartError ? refusalError(error) : error)

/** Two sandboxes on one state directory would overwrite each other's journal. */
export async function refuseSecondSandbox(stateDir: string): Promise<void> {
  await sandboxRefusesSecond(stateDir).catch((error) => {
    throw startRefusal(error)
  })
}

export const portInUse = (port: number) => refusalError(sandboxPortInUse(port))
