import {afterAll, beforeAll} from 'vitest'
import {startMoto, type MotoServer} from './moto.js'
import {startTestSandbox, type Sandbox} from './sandbox.js'

// One moto_server and one in-process sandbox per test file, to run the same thing on both. These are
// live bindings: set by useMotoAndSandbox()'s beforeAll, before any test runs.
export let moto: MotoServer
export let sandbox: Sandbox

/** Call once at the top of a conformance test file. */
export function useMotoAndSandbox(): void {
  beforeAll(async () => {
    ;[moto, sandbox] = await Promise.all([startMoto(), startTestSandbox()])
  })
  afterAll(async () => {
    await Promise.all([moto?.stop(), sandbox?.stop()])
  })
}
