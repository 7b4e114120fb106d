import type {SandboxContext} from '../context.js'
import {Router} from '../http.js'
import {registerApiParts} from './api-parts-routes.js'
import {registerRestApis} from './apis.js'
import {registerKeys} from './keys.js'
import {registerStages} from './stages.js'
import {registerCustomDomains} from './custom-domains.js'
import {registerTags} from './tags.js'

/** The `apigateway` (REST v1) service. */
export function restRoutes(context: SandboxContext): Router {
  const router = new Router()
  registerRestApis(router, context)
  registerApiParts(router, context)
  registerStages(router, context)
  registerKeys(router, context)
  registerTags(router, context)
  registerCustomDomains(router, context)
  return router
}
