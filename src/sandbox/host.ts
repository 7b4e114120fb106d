import {portInUse, refuseSecondSandbox, removeRuntime, writeRuntime, type RuntimeInfo} from '../lib/sandbox/runtime.js'
import {startSandbox, type Sandbox, type SandboxOptions} from './server.js'

export interface HostOptions extends SandboxOptions {
  stateDir: string
  /** Stop after this long without requests; 0 = never. */
  idleTimeoutMs: number
}

/**
 * Runs a sandbox as the one sandbox of its state directory: refuses a second one on the same state,
 * announces itself in the state directory's runtime file, and stops by itself when idle.
 */
export async function hostSandbox(options: HostOptions): Promise<{sandbox: Sandbox; info: RuntimeInfo}> {
  await refuseSecondSandbox(options.stateDir)
  const sandbox = await startSandbox(options).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error
    throw portInUse(options.port ?? 0)
  })
  const info: RuntimeInfo = {
    pid: process.pid,
    endpoint: sandbox.endpoint,
    port: sandbox.port,
    stateDir: options.stateDir,
    startedAt: new Date().toISOString(),
    idleTimeoutMs: options.idleTimeoutMs,
    token: sandbox.token,
  }
  writeRuntime(info)
  let idleCheck: NodeJS.Timeout | undefined
  if (options.idleTimeoutMs > 0) {
    idleCheck = setInterval(() => {
      if (Date.now() - sandbox.lastRequestAt >= options.idleTimeoutMs) void sandbox.close()
    }, Math.min(options.idleTimeoutMs / 4, 30_000))
  }
  void sandbox.closed.then(() => {
    clearInterval(idleCheck)
    removeRuntime(options.stateDir, process.pid)
  })
  return {sandbox, info}
}
