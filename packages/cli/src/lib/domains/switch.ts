import type {AwsSession} from '../aws/index.js'
import {requireWritten, type ChangeStep, type PreparedChange} from '../change/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {checkStage, type CheckOptions, type CheckResult} from '../metrics/index.js'
import {switchRecordStep} from '../releases/index.js'
import {previousTag, previousValue, parseTarget, targetText} from './previous.js'
import {pathText, type DomainMapping, type DomainSummary} from './read.js'
import {apigwCommand, domainArn, findTarget, normalPath, openPath, pathLabel, pathNotMapped, throughBasePath, type MappingTarget} from './target.js'

/** The metrics check a switch passes first: `metrics check`'s options, on the target stage. */
export type SwitchGate = Omit<CheckOptions, 'api' | 'stage' | 'traffic'>

export interface SwitchOptions {
  domain: string
  path: string
  /** "<api>:<stage>", api by id or name; undefined with `back`. */
  to?: string
  /** Return to what the last switch of this path switched away from. */
  back?: boolean
  gate?: SwitchGate
  /** Who switches, for the release record (user@host, or the CI run). */
  actor: string
  now?: Date
}

/** The stable JSON shape of `domains switch` (docs/json.md). */
export interface SwitchResult {
  domain: string
  path: string
  from: {apiId: string; stage: string | null}
  to: {api: MappingTarget['api']; stage: string; deploymentId: string}
  through: 'base-path-mapping' | 'api-mapping'
  /** The mapping read back afterwards, independently of the write. */
  mapping: DomainMapping | null
  /** The gate's judgement of the target, when --gate asked for one. */
  gate: CheckResult | null
}

/** "<api>:<stage>" as --to takes it: the stage is after the last colon. */
export function parseTo(text: string): {api: string; stage: string} {
  const colon = text.lastIndexOf(':')
  if (colon <= 0 || colon === text.length - 1) throw usageError(`--to takes <api>:<stage>; got "${text}".`, ['Try: --to shop-green:prod'], 'INVALID_TARGET')
  return {api: text.slice(0, colon), stage: text.slice(colon + 1)}
}

/**
 * Prepares a blue/green switch of one path: the target stage must exist and run a deployment, and
 * pass the gate when one is asked for; then one tag records where the path pointed (for --back),
 * and one UpdateBasePathMapping or UpdateApiMapping moves it in place, so the path is never
 * unmapped (docs/domains.md). The mapping is read back and must reach the target (CHANGED_MEANWHILE).
 */
export async function prepareSwitch(session: AwsSession, options: SwitchOptions): Promise<PreparedChange<SwitchResult>> {
  const path = normalPath(options.path)
  const {domain, mapping} = await openPath(session, {domain: options.domain, path})
  if (!mapping) throw pathNotMapped(session, domain, path)
  const wanted = options.back ? backTarget(session, domain, mapping) : parseTo(options.to ?? '')
  const target = await findTarget(session, wanted, (stage) => `--to ${wanted.api}:${stage}`)
  const where = pathLabel(domain.domainName, path)
  const notes: string[] = []
  if (mapping.api.id === target.api.id && mapping.stage === target.stage) {
    notes.push(`The ${where} already reaches ${targetText({apiId: target.api.id, stage: target.stage})}; nothing to switch.`)
    return {notes, result: () => resultOf(domain, path, mapping, target, mapping, null)}
  }
  const gate = options.gate ? await checkStage(session, {...options.gate, api: target.api.id, stage: target.stage, traffic: 'all'}) : undefined
  if (gate && !gate.result.pass) throw gateRefused(session, where, target, gate.result)
  const through = throughBasePath([mapping.api.type, target.api.type], path) ? 'base-path-mapping' : 'api-mapping'
  const record = {apiId: target.api.id, stage: target.stage, deploymentId: target.deploymentId, domainPath: `${domain.domainName}/${path}`, actor: options.actor, at: (options.now ?? new Date()).toISOString()}
  const steps = [
    ...(mapping.stage === null ? [] : [await recordStep(session, domain.domainName, path, mapping)]),
    await switchStep(session, domain.domainName, path, mapping, target, through),
    await switchRecordStep(session, record),
  ]
  const look = apigwCommand(session, 'domains', 'show', domain.domainName)
  return {
    change: {
      summary: `switch ${where} from ${mapping.api.id}:${mapping.stage ?? '(whole API)'} to stage "${target.stage}" of ${target.api.name} (${target.api.id})`,
      severity: 'destructive',
      steps,
      recovery: (failed) => {
        if (failed === steps.length - 1) return `The ${where} reaches ${targetText({apiId: target.api.id, stage: target.stage})}; only the record of the switch in stages history is missing.`
        return failed === steps.length - 2 ? `Try: ${look}, then run this command again` : undefined
      },
    },
    notes: [...notes, ...(gate ? [`Gate passed on ${targetText({apiId: target.api.id, stage: target.stage})}: ${gate.result.outcome}.`] : [])],
    result: async () => {
      // One GetApiMapping: apigatewayv2 sees v1's base path mappings too.
      const holds = await (await session.v2()).getApiMapping(domain.domainName, mapping.apiMappingId)
      requireWritten(
        [
          {what: 'API', wrote: target.api.id, holds: holds.ApiId},
          {what: 'stage', wrote: target.stage, holds: holds.Stage},
        ],
        {subject: `The ${where}`, look},
      )
      const after: DomainMapping = {...mapping, api: {...target.api, exists: true}, stage: target.stage, stageExists: true, previous: mapping.stage === null ? mapping.previous : targetText({apiId: mapping.api.id, stage: mapping.stage})}
      return resultOf(domain, path, mapping, target, after, gate?.result ?? null, through)
    },
    nextSteps: () => [`To switch back: ${apigwCommand(session, 'domains', 'switch', '--domain', domain.domainName, '--path', pathText(path), '--back')}`],
  }
}

function resultOf(domain: DomainSummary, path: string, before: DomainMapping, target: MappingTarget, after: DomainMapping | null, gate: CheckResult | null, through?: SwitchResult['through']): SwitchResult {
  return {
    domain: domain.domainName,
    path,
    from: {apiId: before.api.id, stage: before.stage},
    to: {api: target.api, stage: target.stage, deploymentId: target.deploymentId},
    through: through ?? (throughBasePath([target.api.type], path) ? 'base-path-mapping' : 'api-mapping'),
    mapping: after,
    gate,
  }
}

function backTarget(session: AwsSession, domain: DomainSummary, mapping: DomainMapping): {api: string; stage: string} {
  const recorded = mapping.previous === null ? undefined : parseTarget(mapping.previous)
  if (!recorded) {
    throw new ApigwError(`No earlier target is recorded for ${pathLabel(domain.domainName, mapping.path)}: --back returns to what \`apigw domains switch\` switched away from.`, {
      code: 'NO_PREVIOUS_TARGET',
      exitCode: ExitCode.notFound,
      suggestions: [`Try: ${apigwCommand(session, 'domains', 'switch', '--domain', domain.domainName, '--path', pathText(mapping.path), '--to', '<api>:<stage>')}`],
    })
  }
  return {api: recorded.apiId, stage: recorded.stage}
}

function gateRefused(session: AwsSession, where: string, target: MappingTarget, result: CheckResult): ApigwError {
  const failed = result.gates.filter((gate) => gate.status === 'fail').map((gate) => gate.detail)
  const why = result.outcome === 'not-enough-data' ? (result.reason ?? 'not enough data') : failed.join('; ')
  return new ApigwError(`Not switching the ${where}: stage "${target.stage}" of ${target.api.name} (${target.api.id}) ${result.outcome === 'not-enough-data' ? 'has not enough data to judge' : 'failed the gate'}: ${why}.`, {
    code: 'GATE_FAILED',
    exitCode: ExitCode.negative,
    suggestions: [`Try: ${apigwCommand(session, 'metrics', 'check', '--api', target.api.id, '--stage', target.stage)}, to see its figures`],
  })
}

/** Records where the path points now, before moving it: a failed move leaves a record of where it still points, which is harmless. */
async function recordStep(session: AwsSession, domainName: string, path: string, mapping: DomainMapping): Promise<ChangeStep> {
  const rest = await session.rest()
  const resourceArn = domainArn(session, domainName)
  const tags = {[previousTag(path)]: previousValue({apiId: mapping.api.id, stage: mapping.stage ?? ''})}
  return {service: 'apigateway', operation: 'TagResource', input: {resourceArn, tags}, summary: `record ${mapping.api.id}:${mapping.stage} as the way back`, run: () => rest.tagResource(resourceArn, tags)}
}

async function switchStep(session: AwsSession, domainName: string, path: string, mapping: DomainMapping, target: MappingTarget, through: SwitchResult['through']): Promise<ChangeStep> {
  const summary = `point ${pathLabel(domainName, path)} at ${target.api.id}:${target.stage}`
  if (through === 'base-path-mapping') {
    const rest = await session.rest()
    const patchOperations = [
      {op: 'replace' as const, path: '/restapiId', value: target.api.id},
      {op: 'replace' as const, path: '/stage', value: target.stage},
    ]
    return {service: 'apigateway', operation: 'UpdateBasePathMapping', input: {domainName, basePath: pathText(path), patchOperations}, summary, run: () => rest.updateBasePathMapping(domainName, pathText(path), patchOperations)}
  }
  const v2 = await session.v2()
  return {
    service: 'apigatewayv2',
    operation: 'UpdateApiMapping',
    input: {DomainName: domainName, ApiMappingId: mapping.apiMappingId, ApiId: target.api.id, Stage: target.stage},
    summary,
    run: () => v2.updateApiMapping(domainName, mapping.apiMappingId, {ApiId: target.api.id, Stage: target.stage}),
  }
}
