import type {SandboxContext} from '../context.js'
import {badRequest} from '../http.js'
import type {TrafficSpec, TrafficSummary} from './spec.js'

/** Placeholder until the simulator lands. */
export function simulateTraffic(_context: SandboxContext, _spec: TrafficSpec): TrafficSummary {
  throw badRequest('The traffic simulator is not built yet')
}
