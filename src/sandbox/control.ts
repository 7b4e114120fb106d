import type {SandboxContext} from './context.js'
import {describeFaults, faultsFromJson} from './faults.js'
import {jsonBody, Router} from './http.js'
import type {Sandbox} from './server.js'
import {simulateTraffic} from './traffic/simulate.js'
import {setWebAcl, type WebAclInput} from './rest/waf.js'
import type {TrafficSpec} from './traffic/spec.js'

export interface ControlHooks {
  sandbox(): Sandbox
  shutdown(): void
}

/** The sandbox's own endpoints under /_sandbox/: status, reset, faults, traffic and shutdown. Never faulted. */
export function controlRoutes(context: SandboxContext, hooks: ControlHooks): Router {
  const startedAt = new Date(context.clock.now()).toISOString()
  return new Router()
    .add('GET', '/_sandbox/status', () => ({
      status: 200,
      body: {
        pid: process.pid,
        endpoint: hooks.sandbox().endpoint,
        startedAt,
        faults: describeFaults(hooks.sandbox().faults),
        transitionDelayMs: context.transitionDelayMs,
        records: context.store.summary(),
      },
    }))
    .add('POST', '/_sandbox/reset', () => {
      context.store.clear()
      return {status: 204}
    })
    .add('PUT', '/_sandbox/faults', (request) => {
      const sandbox = hooks.sandbox()
      // Faults left out are off; the fail and lost countdowns start now.
      sandbox.faults = faultsFromJson(jsonBody(request))
      return {status: 200, body: {faults: describeFaults(sandbox.faults)}}
    })
    .add('PUT', '/_sandbox/waf', (request) => setWebAcl(context, jsonBody<WebAclInput>(request)))
    .add('POST', '/_sandbox/traffic', (request) => ({status: 200, body: simulateTraffic(context, jsonBody<TrafficSpec>(request))}))
    .add('POST', '/_sandbox/shutdown', () => {
      // Answer first, then stop.
      setImmediate(hooks.shutdown)
      return {status: 202}
    })
}
