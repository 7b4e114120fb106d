import {faultsFromJson, type Faults} from './faults.js'
import {removeRuntime, writeRuntime, type RuntimeInfo} from './runtime-file.js'
import {serve, type Sandbox, type ServerOptions} from './server.js'
import {portInUse, refuseSecondSandbox} from './start-refusals.js'

export interface SandboxOptions extends Omit<ServerOptions, 'faults'> {
  /**
   * The faults to inject from the start, as PUT /_sandbox/faults takes them: fields left out are
   * off, e.g. {throttle: 0.2, latencyMs: 300, fail: [{operation: 'CreateApiKey', call: 1}]}.
   */
  faults?: Partial<Faults>
  /** With a state directory: stop after this long without requests; 0 (the default) = never. */
  idleTimeoutMs?: number
}

/**
 * Starts a sandbox listening on 127.0.0.1 (or `host`, another loopback address), on `port` (0, the
 * default, picks a free one). With a state directory, state persists there, and the sandbox is the
 * one sandbox of that directory: a second one is refused, and while it runs its runtime file
 * (sandbox.json: endpoint, pid, control token) says where it is. Without one, state lives in memory.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const {stateDir, idleTimeoutMs = 0} = options
  if (stateDir !== undefined) await refuseSecondSandbox(stateDir)
  const faults = options.faults === undefined ? undefined : faultsFromJson(options.faults)
  const sandbox = await serve({...options, faults}).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error
    throw portInUse(options.port ?? 0, options.host ?? '127.0.0.1')
  })
  if (stateDir === undefined) return sandbox
  const runtime: RuntimeInfo = {
    pid: process.pid,
    endpoint: sandbox.endpoint,
    port: sandbox.port,
    stateDir,
    startedAt: new Date().toISOString(),
    idleTimeoutMs,
    token: sandbox.token,
  }
  writeRuntime(runtime)
  sandbox.runtime = runtime
  let idleCheck: NodeJS.Timeout | undefined
  if (idleTimeoutMs > 0) {
    idleCheck = setInterval(() => {
      if (Date.now() - sandbox.lastRequestAt >= idleTimeoutMs) void sandbox.stop()
    }, Math.min(idleTimeoutMs / 4, 30_000))
  }
  void sandbox.closed.then(() => {
    clearInterval(idleCheck)
    removeRuntime(stateDir, process.pid)
  })
  return sandbox
}
