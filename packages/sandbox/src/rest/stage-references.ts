import type {SandboxContext} from '../context.js'
import {badRequest} from '../http.js'
import type {StageRecord} from '../model.js'
import {requireClientCertificate} from './client-certificates.js'
import {requireVersion} from './documentation.js'
import {mappingsTo} from './domain-records.js'

/**
 * What a REST stage or API references and what references it, checked where they change:
 * a stage's client certificate must exist; a mapped stage or API cannot be deleted.
 */

/** UpdateStage `/clientCertificateId` and `/documentationVersion` name existing ones. docs/aws-behaviour.md#client-certificates */
export function checkStageReferences(context: SandboxContext, before: StageRecord, after: StageRecord): void {
  if (after.clientCertificateId && after.clientCertificateId !== before.clientCertificateId) requireClientCertificate(context, after.clientCertificateId)
  // docs/aws-behaviour.md#documentation-versions
  if (after.documentationVersion && after.documentationVersion !== before.documentationVersion) requireVersion(context, after.apiId, after.documentationVersion)
}

/** docs/aws-behaviour.md#a-mapped-api-or-stage-cannot-be-deleted */
export function refuseWhileMapped(context: SandboxContext, stage: StageRecord): StageRecord {
  if (mappingsTo(context, stage.apiId, stage.stageName).length > 0)
    throw badRequest(`Deleting stage ${stage.stageName} failed. Please remove all base path mappings related to the stage in your domains.`)
  return stage
}

/** docs/aws-behaviour.md#a-mapped-api-or-stage-cannot-be-deleted */
export function refuseV2ApiWhileMapped(context: SandboxContext, apiId: string): void {
  if (mappingsTo(context, apiId).length > 0) throw badRequest(`Deleting API ${apiId} failed. Please remove all API mappings for the API from your custom domain names.`)
}

/** docs/aws-behaviour.md#a-mapped-api-or-stage-cannot-be-deleted (the v2 stage's words are the sandbox's, by analogy) */
export function refuseV2StageWhileMapped(context: SandboxContext, apiId: string, stageName: string): void {
  if (mappingsTo(context, apiId, stageName).length > 0)
    throw badRequest(`Deleting stage ${stageName} failed. Please remove all API mappings for the stage from your custom domain names.`)
}

/** docs/aws-behaviour.md#a-mapped-api-or-stage-cannot-be-deleted */
export function refuseApiWhileMapped(context: SandboxContext, apiId: string): void {
  if (mappingsTo(context, apiId).length > 0) throw badRequest(`Deleting RestApi ${apiId} failed. Please remove all base path mappings related to the RestApi in your domains.`)
}
