import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll} from 'vitest'
import {startTestSandbox, type Sandbox} from './sandbox.js'

/** The two regions fleet tests read. */
export const FLEET_REGIONS = ['us-east-1', 'eu-west-1']

/**
 * The fleet of a fleet test (docs/fleet.md): a running sandbox, and the environment of a fresh HOME
 * whose AWS config has profile `prod` pointing at it and profile `gone` at a sandbox that has
 * stopped, so that each of `gone`'s targets fails. Both with region us-east-1.
 */
async function startFleet(): Promise<{sandbox: Sandbox; env: Record<string, string>}> {
  const sandbox = await startTestSandbox()
  const stopped = await startTestSandbox()
  await stopped.stop()
  const home = mkdtempSync(join(tmpdir(), 'apigw-fleet-'))
  mkdirSync(join(home, '.aws'))
  const profile = (name: string, endpoint: string) => `[profile ${name}]\nregion = us-east-1\nendpoint_url = ${endpoint}\naws_access_key_id = AKID${name.toUpperCase()}\naws_secret_access_key = secret\n`
  writeFileSync(join(home, '.aws', 'config'), `${profile('prod', sandbox.endpoint)}\n${profile('gone', stopped.endpoint)}`)
  return {sandbox, env: {PATH: process.env.PATH ?? '', HOME: home, CI: 'true', AWS_EC2_METADATA_DISABLED: 'true'}}
}

/** The fleet, started and seeded (with `seed`) before the file's tests and stopped after them; its fields are set once they start. */
export function useFleet(seed: (sandbox: Sandbox) => Promise<void>): {sandbox: Sandbox; env: Record<string, string>} {
  const fleet = {} as {sandbox: Sandbox; env: Record<string, string>}
  beforeAll(async () => {
    Object.assign(fleet, await startFleet())
    await seed(fleet.sandbox)
  })
  afterAll(async () => {
    await fleet.sandbox?.stop()
  })
  return fleet
}
