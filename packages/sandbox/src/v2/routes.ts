import type {SandboxContext} from '../context.js'
import {Router} from '../http.js'
import {registerApiRoutes} from './api-routes.js'
import {registerApis} from './apis.js'
import {registerAuthorizers} from './authorizers.js'
import {registerDeployments} from './deployments.js'
import {registerDomains} from './domains.js'
import {registerVpcLinks} from './vpc-links.js'
import {registerImportExport} from './import-export.js'
import {registerIntegrations} from './integrations.js'
import {registerResponses} from './responses.js'
import {registerStages} from './stages.js'
import {registerV2Tags} from './tags.js'

/** The `apigatewayv2` (HTTP and WebSocket APIs) service. */
export function v2Routes(context: SandboxContext): Router {
  const router = new Router()
  registerApis(router, context)
  registerImportExport(router, context)
  registerApiRoutes(router, context)
  registerIntegrations(router, context)
  registerStages(router, context)
  registerDeployments(router, context)
  registerDomains(router, context)
  registerVpcLinks(router, context)
  registerAuthorizers(router, context)
  registerResponses(router, context)
  registerV2Tags(router, context)
  return router
}
