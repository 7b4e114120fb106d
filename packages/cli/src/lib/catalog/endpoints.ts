import {type AwsSession, dnsSuffix} from '../aws/index.js'
import type {AnyApi} from './apis.js'

/**
 * The public base URL of an API: REST and HTTP APIs are served over https, WebSocket APIs over wss.
 * Against AWS, an HTTP or WebSocket API's own ApiEndpoint is the truth. Against another endpoint (a
 * sandbox, moto), the URL is derived from the session's region, so it reads as it would in AWS even
 * when the emulator serves every region from one place.
 */
export function apiEndpointUrl(session: AwsSession, entry: AnyApi): string {
  if (entry.type === 'rest') return executeApiUrl(entry.api.id ?? '', session.settings.region, 'https')
  const {api} = entry
  const derived = executeApiUrl(api.ApiId ?? '', session.settings.region, entry.type === 'websocket' ? 'wss' : 'https')
  return session.settings.endpoints.apigatewayv2 === undefined ? (api.ApiEndpoint ?? derived) : derived
}

/** The URL of one stage: REST and named v2 stages are a path under the API's base URL; `$default` is the base itself. */
export function stageInvokeUrl(base: string, stageName: string): string {
  return stageName === '$default' ? base : `${base}/${stageName}`
}

function executeApiUrl(id: string, region: string, scheme: 'https' | 'wss'): string {
  return `${scheme}://${id}.execute-api.${region}.${dnsSuffix(region)}`
}
