import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {withStartLock} from '../../packages/cli/src/lib/sandbox/start-lock.js'
import {fakeClock} from './fake-clock.js'

const stateDir = () => mkdtempSync(join(tmpdir(), 'apigw-lock-'))
const lockOf = (dir: string) => join(dir, 'sandbox.start.lock')

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!
}

describe('withStartLock', () => {
  it('holds an exclusive lock file naming this process while starting, and removes it after', async () => {
    const dir = stateDir()
    const seen = await withStartLock(dir, async () => readFileSync(lockOf(dir), 'utf8'))
    expect(seen).toBe(String(process.pid))
    expect(existsSync(lockOf(dir))).toBe(false)
  })

  it('waits while another live process holds it, then takes it', async () => {
    const dir = stateDir()
    // A live holder (the test runner's parent stands in for another apigw), gone after two waits.
    writeFileSync(lockOf(dir), String(process.ppid))
    const clock = fakeClock()
    const sleep = clock.sleep
    clock.sleep = async (ms) => {
      await sleep(ms)
      if (clock.slept.length === 2) rmSync(lockOf(dir))
    }
    expect(await withStartLock(dir, async () => 'started', clock)).toBe('started')
    expect(clock.slept).toHaveLength(2)
  })

  it('takes over a lock whose process is gone (a killed apigw)', async () => {
    const dir = stateDir()
    writeFileSync(lockOf(dir), String(deadPid()))
    const clock = fakeClock()
    expect(await withStartLock(dir, async () => 'started', clock)).toBe('started')
    expect(clock.slept.length).toBeLessThanOrEqual(1)
  })

  it('gives up with exit 7 and the way out when the holder never finishes', async () => {
    const dir = stateDir()
    writeFileSync(lockOf(dir), String(process.ppid))
    await expect(withStartLock(dir, async () => 'started', fakeClock())).rejects.toMatchObject({code: 'SANDBOX_START_LOCKED', exitCode: 7, suggestions: [expect.stringContaining(`remove ${lockOf(dir)}`)]})
  })
})
