import {regionOfArn, setCertificate, validateArn} from './acm/certificates.js'
import type {SandboxContext} from './context.js'
import {describeFaults, faultsFromJson} from './faults.js'
import {AwsServiceError, jsonBody, Router} from './http.js'
import {isRegionName} from './region.js'
import type {Regions} from './regions.js'
import {setAuthorizerStub} from './rest/authorizer-stub.js'
import {setWebAcl, type WebAclInput} from './rest/waf.js'
import type {Sandbox} from './server.js'
import type {Store} from './store.js'
import {simulateTraffic} from './traffic/simulate.js'
import type {TrafficSpec} from './traffic/spec.js'

export interface ControlHooks {
  sandbox(): Sandbox
  shutdown(): void
}

/**
 * The sandbox's own endpoints under /_sandbox/: status, reset, faults, authorizer stub, certificates, traffic and
 * shutdown. Never faulted, and not in any one region: reset forgets every region, traffic flows in
 * its API's region, the authorizer stub answers in all.
 */
export function controlRoutes(context: SandboxContext, regions: Regions, hooks: ControlHooks): Router {
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
        ...recordsByRegion(context.store),
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
    .add('PUT', '/_sandbox/authorizer-stub', (request) => ({status: 200, body: {stub: setAuthorizerStub(context, jsonBody(request))}}))
    .add('PUT', '/_sandbox/waf', (request) => {
      const input = jsonBody<WebAclInput>(request)
      return setWebAcl(regions.ofApi(String(input.restApiId)).context, input)
    })
    .add('PUT', '/_sandbox/certificates', (request) => {
      // In the ARN's region, as ACM keeps a certificate in the region its ARN names.
      const input = jsonBody<{certificateArn?: unknown; notAfter?: unknown; domainName?: unknown}>(request)
      const region = regionOfArn(validateArn(input.certificateArn))
      if (!isRegionName(region)) throw new AwsServiceError(400, 'BadRequestException', `certificateArn names no region: "${region}"`)
      const certificate = setCertificate(regions.of(region).context, input)
      return {status: 200, body: {certificate: {...certificate, notBefore: new Date(certificate.notBefore).toISOString(), notAfter: new Date(certificate.notAfter).toISOString()}}}
    })
    .add('POST', '/_sandbox/traffic', (request) => {
      const spec = jsonBody<TrafficSpec>(request)
      return {status: 200, body: simulateTraffic(regions.ofApi(String(spec.apiId)).context, spec)}
    })
    .add('POST', '/_sandbox/shutdown', () => {
      // Answer first, then stop.
      setImmediate(hooks.shutdown)
      return {status: 202}
    })
}

/** `records`: how many of each kind every region holds together; `regions`: the same per region that holds any. */
function recordsByRegion(store: Store): {records: Record<string, number>; regions: Record<string, Record<string, number>>} {
  const records: Record<string, number> = {}
  const regions: Record<string, Record<string, number>> = {}
  for (const region of store.regionNames()) {
    regions[region] = store.inRegion(region).summary()
    for (const [table, count] of Object.entries(regions[region])) records[table] = (records[table] ?? 0) + count
  }
  return {records, regions}
}
