import type {SandboxContext} from '../context.js'
import type {Router} from '../http.js'
import {registerAuthorizers} from './authorizers.js'
import {registerGatewayResponses} from './gateway-responses.js'
import {registerModels} from './models.js'
import {registerRequestValidators} from './request-validators.js'

/** The parts of a REST API kept in its record: models, request validators, gateway responses, authorizers. */
export function registerApiParts(router: Router, context: SandboxContext): void {
  registerModels(router, context)
  registerRequestValidators(router, context)
  registerGatewayResponses(router, context)
  registerAuthorizers(router, context)
}
