import type {SandboxContext} from '../context.js'
import {badRequest, empty, json, jsonBody, notFound, type Router} from '../http.js'
import {TABLES, type Tags} from '../model.js'
import {isoDate, listPage} from './wire.js'

/**
 * apigatewayv2's VPC links (CreateVpcLink, GetVpcLink(s), UpdateVpcLink, DeleteVpcLink), for HTTP
 * APIs' private integrations: subnets and security groups, no load balancer. PENDING for the
 * sandbox's transition delay, then AVAILABLE. docs/aws-behaviour.md#version-2-vpc-links
 */

export interface V2VpcLinkRecord {
  vpcLinkId: string
  name: string
  subnetIds: string[]
  securityGroupIds: string[]
  tags?: Tags
  createdDate: number
  /** Epoch ms: when it turns AVAILABLE. */
  availableAt: number
}

interface CreateVpcLinkInput {
  name?: string
  subnetIds?: string[]
  securityGroupIds?: string[]
  tags?: Tags
}

export function registerVpcLinks(router: Router, context: SandboxContext): void {
  const {store} = context
  const now = () => context.clock.now()
  router
    .add('POST', '/v2/vpclinks', (request) => {
      const input = jsonBody<CreateVpcLinkInput>(request)
      if (!input.name) throw badRequest('Name is required')
      if (!input.subnetIds?.length) throw badRequest('SubnetIds is required')
      const link: V2VpcLinkRecord = {
        vpcLinkId: context.newId(6),
        name: input.name,
        subnetIds: [...input.subnetIds],
        securityGroupIds: [...(input.securityGroupIds ?? [])],
        tags: input.tags && Object.keys(input.tags).length > 0 ? {...input.tags} : undefined,
        createdDate: now(),
        availableAt: now() + context.transitionDelayMs,
      }
      store.put(TABLES.v2VpcLinks, link.vpcLinkId, link)
      return json(201, vpcLinkWire(link, now()))
    })
    .add('GET', '/v2/vpclinks', (request) =>
      json(200, listPage(store.all<V2VpcLinkRecord>(TABLES.v2VpcLinks), (link) => link.vpcLinkId, (link) => vpcLinkWire(link, now()), request)),
    )
    .add('GET', '/v2/vpclinks/{vpcLinkId}', (_request, {vpcLinkId}) => json(200, vpcLinkWire(requireVpcLink(context, vpcLinkId), now())))
    .add('PATCH', '/v2/vpclinks/{vpcLinkId}', (request, {vpcLinkId}) => {
      const link = {...requireVpcLink(context, vpcLinkId)}
      const {name} = jsonBody<{name?: string}>(request)
      if (name) link.name = name
      store.put(TABLES.v2VpcLinks, vpcLinkId, link)
      return json(200, vpcLinkWire(link, now()))
    })
    .add('DELETE', '/v2/vpclinks/{vpcLinkId}', (_request, {vpcLinkId}) => {
      requireVpcLink(context, vpcLinkId)
      store.delete(TABLES.v2VpcLinks, vpcLinkId)
      return empty(202)
    })
}

function requireVpcLink(context: SandboxContext, vpcLinkId: string): V2VpcLinkRecord {
  const link = context.store.get<V2VpcLinkRecord>(TABLES.v2VpcLinks, vpcLinkId)
  if (!link) throw notFound(`Invalid VpcLink identifier specified ${vpcLinkId}`)
  return link
}

/** The VpcLink wire shape of apigatewayv2, its status as of `now`. */
function vpcLinkWire(link: V2VpcLinkRecord, now: number) {
  const available = now >= link.availableAt
  return {
    createdDate: isoDate(link.createdDate),
    name: link.name,
    securityGroupIds: link.securityGroupIds,
    subnetIds: link.subnetIds,
    tags: link.tags ?? {},
    vpcLinkId: link.vpcLinkId,
    vpcLinkStatus: available ? 'AVAILABLE' : 'PENDING',
    vpcLinkStatusMessage: available ? 'VPC link is ready to route traffic' : 'VPC link is provisioning ENIs',
    vpcLinkVersion: 'V2',
  }
}
