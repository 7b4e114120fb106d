import {afterAll, beforeAll} from 'vitest'
import {awsEnv} from './cli.js'
import {sdkClients, startTestSandbox, type Sandbox, type SandboxOptions} from './sandbox.js'
import {seeder} from './seed.js'

// One in-process sandbox per test file, with the CLI's environment, the SDK clients and a seeder
// pointed at it. These are live bindings: set by useSandboxCli()'s beforeAll, before any test runs.
export let sandbox: Sandbox
export let env: Record<string, string>
export let clients: ReturnType<typeof sdkClients>
export let seed: ReturnType<typeof seeder>

/** Call once at the top of a test file; `extraEnv` is added to the CLI's environment (e.g. USER), `options` are the sandbox's. */
export function useSandboxCli(extraEnv: Record<string, string> = {}, options: SandboxOptions = {}): void {
  beforeAll(async () => {
    sandbox = await startTestSandbox(options)
    env = awsEnv(sandbox.endpoint, extraEnv)
    clients = sdkClients(sandbox.endpoint)
    seed = seeder(sandbox.endpoint)
  })
  afterAll(() => sandbox?.stop())
}
