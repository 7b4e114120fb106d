import type {SandboxContext} from '../context.js'
import {badRequest, json, type Router} from '../http.js'
import {TABLES} from '../model.js'
import {arnPath, registerTagRoutes, type Taggable} from '../rest/tag-routes.js'
import {childKey, requireApi, requireStage} from './lookup.js'

/**
 * The HTTP or WebSocket API or stage an ARN names: `arn:aws:apigateway:<region>::/apis/<id>` or
 * `…/apis/<id>/stages/<name>` (docs/aws-behaviour.md#version-2-tags), looked up in the request's
 * region. v2 records keep `{}` when they have no tags: v2 answers show an empty map.
 */
function taggable(context: SandboxContext, arn: string): Taggable {
  const parts = arnPath(arn)
  const {store} = context
  if (parts.length === 2 && parts[0] === 'apis') {
    const api = requireApi(context, parts[1])
    return {tags: api.tags, save: (tags) => store.put(TABLES.v2Apis, api.apiId, {...api, tags})}
  }
  if (parts.length === 4 && parts[0] === 'apis' && parts[2] === 'stages') {
    const stage = requireStage(context, parts[1], parts[3])
    return {tags: stage.tags, save: (tags) => store.put(TABLES.v2Stages, childKey(stage.apiId, stage.stageName), {...stage, tags})}
  }
  throw badRequest(`The sandbox tags HTTP and WebSocket APIs and their stages through /v2/tags; it cannot tag ${arn}`)
}

/** TagResource (201, an empty object), UntagResource and GetTags for apigatewayv2. */
export function registerV2Tags(router: Router, context: SandboxContext): void {
  registerTagRoutes(router, {path: '/v2/tags/{arn}', tagMethod: 'POST', tagged: () => json(201, {}), taggable: (arn) => taggable(context, arn)})
}
