import {badRequest, empty, json, jsonBody, type Router, type SandboxResponse} from '../http.js'
import type {Tags} from '../model.js'
import {checkedTags, tagsAfter} from './tag-limits.js'

/** A tagged record: its tags, and how to store new ones. */
export interface Taggable {
  tags: Tags
  save(tags: Tags): void
}

/** The path segments after `::` of an API Gateway ARN (`arn:aws:apigateway:<region>::/apis/<id>` → apis, id). */
export function arnPath(arn: string): string[] {
  const match = /^arn:aws[\w-]*:apigateway:[\w-]*::(\/.+)$/.exec(arn)
  if (!match) throw badRequest(`Invalid ARN specified in the request: ${arn}`)
  return match[1].split('/').slice(1)
}

/** Where a service's TagResource lives and what it answers (v1 `PUT /tags` 204, v2 `POST /v2/tags` 201). */
export interface TagRoutes {
  path: string
  tagMethod: 'PUT' | 'POST'
  tagged: () => SandboxResponse
  taggable(arn: string): Taggable
}

/** TagResource, UntagResource and GetTags on `path` (whose one parameter is the URL-encoded ARN). */
export function registerTagRoutes(router: Router, routes: TagRoutes): void {
  router
    .add(routes.tagMethod, routes.path, (request, {arn}) => {
      const resource = routes.taggable(arn)
      const {tags} = jsonBody<{tags?: Tags}>(request)
      resource.save(tagsAfter(resource.tags, checkedTags(tags)))
      return routes.tagged()
    })
    .add('DELETE', routes.path, (request, {arn}) => {
      const resource = routes.taggable(arn)
      const tagKeys = request.query.getAll('tagKeys')
      if (tagKeys.length === 0) throw badRequest('tagKeys is required: the tag keys to remove')
      // Keys the resource does not have are ignored.
      resource.save(Object.fromEntries(Object.entries(resource.tags).filter(([key]) => !tagKeys.includes(key))))
      return empty(204)
    })
    .add('GET', routes.path, (_request, {arn}) => json(200, {tags: routes.taggable(arn).tags}))
}
