import type {SandboxContext} from '../context.js'
import {badRequest, empty, type Router} from '../http.js'
import {TABLES, type Tags} from '../model.js'
import {requireApiKey, requireUsagePlan} from './keys-records.js'
import {requireApi, requireStage, stageKey} from './lookup.js'
import {arnPath, registerTagRoutes, type Taggable} from './tag-routes.js'
import {requireClientCertificate} from './client-certificates.js'
import {requireDomainName} from './domain-records.js'
import {requireVpcLink} from './vpc-links.js'

/**
 * The resource an API Gateway ARN names: `arn:aws:apigateway:<region>::/apikeys/<id>`,
 * `/usageplans/<id>`, `/restapis/<id>` or `/restapis/<id>/stages/<name>`. The ARN's region is not
 * checked (what AWS does with another region's is unknown): the resource is looked up in the
 * request's region, and an unknown resource is AWS's own 404 for it.
 */
function taggable(context: SandboxContext, arn: string): Taggable {
  const parts = arnPath(arn)
  const {store} = context
  const record = <T extends {tags?: Tags}>(table: string, id: string, found: T): Taggable => ({
    tags: found.tags ?? {},
    save: (tags) => store.put(table, id, {...found, tags: Object.keys(tags).length > 0 ? tags : undefined}),
  })
  if (parts.length === 2 && parts[0] === 'apikeys') return record(TABLES.apiKeys, parts[1], requireApiKey(store, parts[1]))
  if (parts.length === 2 && parts[0] === 'usageplans') return record(TABLES.usagePlans, parts[1], requireUsagePlan(store, parts[1]))
  if (parts.length === 2 && parts[0] === 'restapis') return record(TABLES.restApis, parts[1], requireApi(context, parts[1]))
  // docs/aws-behaviour.md#tag-rules: domain names, client certificates and VPC links carry tags too.
  if (parts.length === 2 && parts[0] === 'domainnames') return record(TABLES.domainNames, parts[1], requireDomainName(context, parts[1]))
  if (parts.length === 2 && parts[0] === 'clientcertificates') return record(TABLES.clientCertificates, parts[1], requireClientCertificate(context, parts[1]))
  if (parts.length === 2 && parts[0] === 'vpclinks') return record(TABLES.vpcLinks, parts[1], requireVpcLink(context, parts[1]))
  if (parts.length === 4 && parts[0] === 'restapis' && parts[2] === 'stages') {
    const stage = requireStage(context, parts[1], parts[3])
    return record(TABLES.stages, stageKey(stage.apiId, stage.stageName), stage)
  }
  throw badRequest(`The sandbox tags REST APIs, stages, API keys, usage plans, domain names, client certificates and VPC links; it cannot tag ${arn}`)
}

/** TagResource, UntagResource and GetTags (REST v1), on API keys, usage plans, REST APIs and stages. */
export function registerTags(router: Router, context: SandboxContext): void {
  registerTagRoutes(router, {path: '/tags/{arn}', tagMethod: 'PUT', tagged: () => empty(204), taggable: (arn) => taggable(context, arn)})
}
