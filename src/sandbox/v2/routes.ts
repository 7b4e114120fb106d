import type {SandboxContext} from '../context.js'
import {Router} from '../http.js'

/** The `apigatewayv2` (HTTP and WebSocket) service. Placeholder until it lands. */
export function v2Routes(_context: SandboxContext): Router {
  return new Router()
}
