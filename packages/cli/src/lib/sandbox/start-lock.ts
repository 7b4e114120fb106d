import {closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {ApigwError, ExitCode} from '../errors.js'
import {systemClock, type Clock} from '../util/clock.js'
import {isAlive} from './runtime.js'

const LOCK_FILE = 'sandbox.start.lock'
/** Longer than a start may take (10 s), so a waiter outlasts the winner's start. */
const LOCK_WAIT_MS = 30_000
const POLL_MS = 50

/**
 * Runs `start` holding the state directory's start lock, so that apigw processes starting a
 * sandbox at once (three `--sandbox` commands in parallel) take turns: the first starts it, the
 * others then find it running. The lock file is created with O_EXCL and holds its owner's pid; a
 * lock whose owner died (a killed apigw) is taken over.
 */
export async function withStartLock<T>(stateDir: string, start: () => Promise<T>, clock: Clock = systemClock): Promise<T> {
  mkdirSync(stateDir, {recursive: true, mode: 0o700})
  const path = join(stateDir, LOCK_FILE)
  const deadline = clock.now() + LOCK_WAIT_MS
  while (!tryLock(path)) {
    if (clock.now() > deadline) {
      throw new ApigwError(`Another apigw process has been starting the sandbox in ${stateDir} for ${LOCK_WAIT_MS / 1000} s.`, {
        code: 'SANDBOX_START_LOCKED',
        exitCode: ExitCode.timeout,
        suggestions: [`Try: apigw sandbox status --state-dir ${stateDir}; if no apigw is starting it, remove ${path}`],
      })
    }
    await clock.sleep(POLL_MS)
  }
  try {
    return await start()
  } finally {
    rmSync(path, {force: true})
  }
}

function tryLock(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600)
    writeSync(fd, String(process.pid))
    closeSync(fd)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  // An empty file is a lock being written this instant: its owner is alive.
  const owner = Number(readText(path))
  if (owner > 0 && !isAlive(owner)) rmSync(path, {force: true})
  return false
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}
