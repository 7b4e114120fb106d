import type {SandboxContext} from '../context.js'
import {badRequest, json} from '../http.js'
import {requireStage} from './lookup.js'
import {saveStage} from './stage-records.js'

/**
 * The WAF web ACL of a REST stage. AWS sets it through WAF (AssociateWebACL), another service,
 * so the sandbox takes it at its own endpoint, `PUT /_sandbox/waf`; GetStage then answers it as
 * `webAclArn`. docs/aws-behaviour.md#a-rest-stage-shows-its-waf-web-acl
 */
export interface WebAclInput {
  restApiId?: string
  stage?: string
  /** null (or absent) disassociates. */
  webAclArn?: string | null
}

const WEB_ACL_ARN = /^arn:aws[\w-]*:(wafv2|waf-regional):[\w-]+:\d{12}:\S+$/

export function setWebAcl(context: SandboxContext, input: WebAclInput) {
  if (!input.restApiId || !input.stage) throw badRequest('PUT /_sandbox/waf takes {restApiId, stage, webAclArn}; webAclArn null disassociates')
  if (input.webAclArn != null && !WEB_ACL_ARN.test(input.webAclArn))
    throw badRequest(`webAclArn must be a regional web ACL's ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>); got ${input.webAclArn}`)
  const stage = {...requireStage(context, input.restApiId, input.stage)}
  stage.webAclArn = input.webAclArn ?? undefined
  saveStage(context, stage)
  return json(200, {restApiId: stage.apiId, stage: stage.stageName, webAclArn: stage.webAclArn ?? null})
}
