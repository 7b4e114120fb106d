import type {SandboxContext} from '../context.js'
import {badRequest, json, jsonBody, type Router} from '../http.js'
import {TABLES, type Tags} from '../model.js'
import {pageInCreationOrder} from './paging.js'
import {checkPatchPaths, patchOperationsOf} from './patch.js'
import {registerDelete, requireRecord} from './top-level.js'

/**
 * CreateVpcLink, GetVpcLink(s), UpdateVpcLink and DeleteVpcLink (REST v1): a link is PENDING for
 * the sandbox's transition delay, then AVAILABLE. docs/aws-behaviour.md#vpc-links
 */

export interface VpcLinkRecord {
  id: string
  name: string
  description?: string
  targetArns: string[]
  /** Epoch ms: when it turns AVAILABLE. */
  availableAt: number
  createdDate: number
  tags?: Tags
}

const VPC_LINK_NOT_FOUND = 'VPCLink not found'
const READY = 'Your vpc link is ready for use'

interface CreateVpcLinkInput {
  name?: string
  description?: string
  targetArns?: string[]
  tags?: Tags
}

export function registerVpcLinks(router: Router, context: SandboxContext): void {
  const {store} = context
  router
    .add('POST', '/vpclinks', (request) => {
      const input = jsonBody<CreateVpcLinkInput>(request)
      if (!input.name) throw badRequest('Name is required for a VPC link')
      // A REST API's VPC link targets exactly one Network Load Balancer.
      if (input.targetArns?.length !== 1 || !input.targetArns[0].startsWith('arn:')) throw badRequest('A VPC link needs exactly one target: the ARN of a Network Load Balancer')
      const now = context.clock.now()
      const link: VpcLinkRecord = {
        id: context.newId(6),
        name: input.name,
        description: input.description || undefined,
        targetArns: [...input.targetArns],
        availableAt: now + context.transitionDelayMs,
        createdDate: now,
        tags: input.tags && Object.keys(input.tags).length > 0 ? {...input.tags} : undefined,
      }
      store.put(TABLES.vpcLinks, link.id, link)
      return json(202, vpcLinkView(link, now))
    })
    .add('GET', '/vpclinks', (request) => {
      const page = pageInCreationOrder(store.all<VpcLinkRecord>(TABLES.vpcLinks), (link) => link, request.query, false)
      return json(200, {item: page.items.map((link) => vpcLinkView(link, context.clock.now())), position: page.position})
    })
    .add('GET', '/vpclinks/{id}', (_request, {id}) => json(200, vpcLinkView(requireVpcLink(context, id), context.clock.now())))
    .add('PATCH', '/vpclinks/{id}', (request, {id}) => {
      const link = {...requireVpcLink(context, id)}
      for (const {path, value} of checkPatchPaths(patchOperationsOf(request, 'updateVpcLinkInput'), {replace: ['/name', '/description']})) {
        if (path === '/description') link.description = value || undefined
        else if (value) link.name = value
        else throw badRequest('Name is required for a VPC link')
      }
      store.put(TABLES.vpcLinks, id, link)
      return json(200, vpcLinkView(link, context.clock.now()))
    })
  registerDelete(router, context, '/vpclinks', TABLES.vpcLinks, VPC_LINK_NOT_FOUND)
}

/**
 * A PutIntegration of connectionType VPC_LINK names its link: an existing VPC link's id, or a stage
 * variable (`${stageVariables.vpcLinkId}`) resolved only at call time.
 * docs/aws-behaviour.md#an-integration-through-a-vpc-link-names-it
 */
export function checkedConnection<T extends {connectionType?: string; connectionId?: string}>(context: SandboxContext, integration: T): T {
  if (integration.connectionType !== 'VPC_LINK') return integration
  const {connectionId} = integration
  if (!connectionId) throw badRequest('connectionId is required when connectionType is VPC_LINK')
  if (!STAGE_VARIABLE.test(connectionId) && !context.store.get(TABLES.vpcLinks, connectionId)) throw badRequest(`Invalid VPC link identifier specified: ${connectionId}`)
  return integration
}

const STAGE_VARIABLE = /^\$\{stageVariables\.[A-Za-z0-9_]+\}$/

export const requireVpcLink = (context: SandboxContext, id: string) => requireRecord<VpcLinkRecord>(context, TABLES.vpcLinks, id, VPC_LINK_NOT_FOUND)

/** The VpcLink wire shape, its status as of `now`. */
function vpcLinkView(link: VpcLinkRecord, now: number) {
  const available = now >= link.availableAt
  return {
    id: link.id,
    name: link.name,
    description: link.description,
    targetArns: link.targetArns,
    status: available ? 'AVAILABLE' : 'PENDING',
    statusMessage: available ? READY : undefined,
    tags: link.tags ?? {},
  }
}
