import {apiLabel, summarize, type ApiType} from '../catalog/index.js'
import {resolveApi} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import type {ChangeStep} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import type {ChangeRun} from '../change/index.js'
import {listStages, pickStage, type FoundStage} from '../catalog/index.js'
import {mapConcurrently} from '../util/concurrency.js'
import {plural} from '../util/text.js'
import {shellCommand} from '../util/shell.js'
import {cacheServes, noStageCache} from './stage.js'
import type {Verification} from './verify.js'
import {waitForCacheStatus} from './wait.js'

/** Stages flushed at once in a fleet flush: flushes share AWS's 10 requests per second with everything else (docs/aws-behaviour.md#control-plane-rate-limits). */
export const FLEET_CONCURRENCY = 4

export interface FlushOptions {
  api: string
  /** Stage names; empty with allStages. */
  stages: string[]
  allStages: boolean
  /** Also the authorizer cache (REST: FlushStageAuthorizersCache; HTTP: ResetAuthorizersCache, the only cache it has). */
  authorizers: boolean
}

/** One stage's part of a flush. */
export interface StageFlush {
  stage: string
  status: 'flushed' | 'failed' | 'skipped'
  /** The AWS operations for it: FlushStageCache, FlushStageAuthorizersCache, ResetAuthorizersCache. */
  operations: string[]
  /** Why its stage cache was left out (no cluster, or one being created or deleted); null otherwise. */
  reason: string | null
  /** AWS's answer when it failed. */
  error: {code: string; message: string} | null
}

/** The stable JSON shape of `cache flush` (docs/json.md). */
export interface FlushResult {
  api: {id: string; name: string; type: ApiType}
  stages: StageFlush[]
  /** With --verify: the hit ratio and integration latency since the flush. */
  verification: Verification | null
}

/**
 * A flush, ready to apply. Its notes name the stages whose stage cache is left out, and why; its
 * result is each stage's outcome (a flush of one stage that failed throws AWS's error instead),
 * once every flushed cache is AVAILABLE again with --wait.
 */
export interface FlushChange extends PreparedChange<FlushResult> {
  api: {id: string; name: string; type: ApiType}
  /** The stages whose stage cache is flushed (REST): what --wait and --verify follow. */
  flushesCache: string[]
}

interface Target {
  stage: string
  /** Why its stage cache cannot be flushed; null when it can (or the API has no stage cache at all). */
  reason: string | null
  steps: ChangeStep[]
}

/** After a fleet flush where some stages failed: the command that flushes those again, and only those. */
export const flushAgainCommand = (apiId: string, stages: string[], authorizers: boolean) =>
  shellCommand('apigw', 'cache', 'flush', '--api', apiId, ...stages.flatMap((stage) => ['--stage', stage]), ...(authorizers ? ['--authorizers'] : []))

/**
 * Prepares the flush of one or more stages' caches: one step per AWS call, independent of each other,
 * run up to FLEET_CONCURRENCY at once, so that one stage failing hides none of the others.
 * Refused before anything is flushed: a REST stage named with --stage that has no cache cluster to
 * flush (NO_CACHE_CLUSTER, exit 5; with --authorizers, only its authorizer cache is flushed), a
 * plain flush of an HTTP API, which has no response cache, and any flush of a WebSocket API
 * (UNSUPPORTED_API_TYPE, exit 2). With --all-stages, REST stages without a cache are skipped.
 */
export async function prepareFlush(session: AwsSession, options: FlushOptions & {wait?: {timeoutMs: number}}): Promise<FlushChange> {
  const entry = await resolveApi(session, options.api)
  const {id, name, type} = summarize(entry)
  const api = {id, name, type}
  const label = apiLabel(api)
  if (type === 'websocket') throw noStageCache(api, 'flush')
  if (type === 'http' && !options.authorizers) {
    throw usageError(`${label} has no response cache to flush: HTTP APIs cache nothing but authorizer results.`, [
      `Try: apigw cache flush --api ${id} ${options.allStages ? '--all-stages' : `--stage ${options.stages[0] ?? '<stage>'}`} --authorizers (ResetAuthorizersCache)`,
    ], 'UNSUPPORTED_API_TYPE')
  }
  const listed = await listStages(session, entry)
  const chosen = options.allStages ? listed : [...new Map(options.stages.map((stage) => pickStage(entry, listed, stage, session.options.onWarning)).map((found) => [found.summary.name, found])).values()]
  const targets = chosen.map((found) => target(session, id, found, options.authorizers))

  const refused = options.allStages || options.authorizers ? [] : targets.filter((each) => each.reason !== null)
  if (refused.length > 0) {
    const lines = refused.map((each) => `  ${each.stage}: ${each.reason}`)
    throw new ApigwError(`Nothing was flushed: ${refused.length === 1 ? `stage "${refused[0].stage}"` : `${refused.length} of the stages named`} of ${label} ${refused.length === 1 ? 'has' : 'have'} no cache to flush.\n${lines.join('\n')}`, {
      code: 'NO_CACHE_CLUSTER',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: apigw cache status --api ${id} --stage ${refused[0].stage}, or apigw cache enable --api ${id} --stage ${refused[0].stage}`],
    })
  }
  const steps = targets.flatMap((each) => each.steps)
  if (steps.length === 0) {
    throw new ApigwError(`None of the ${plural(targets.length, 'stage')} of ${label} has a cache to flush.`, {
      code: 'NO_CACHE_CLUSTER',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: apigw stages list --api ${id} (the CACHE column), or --authorizers to flush authorizer caches`],
    })
  }
  const what = type === 'http' ? 'reset the authorizer cache' : options.authorizers ? 'flush the stage and authorizer caches' : 'flush the stage cache'
  const named = targets.map((each) => each.stage)
  const flushesCache = targets.filter((each) => each.steps.some((step) => step.operation === 'FlushStageCache')).map((each) => each.stage)
  return {
    api,
    change: {
      summary: `${what} of ${named.length === 1 ? `stage "${named[0]}"` : `${named.length} stages (${named.join(', ')})`} of ${label}`,
      severity: 'safe',
      steps,
      independentSteps: {concurrency: FLEET_CONCURRENCY},
    },
    notes: targets.filter((each) => each.reason !== null).map((each) => `Stage "${each.stage}": ${each.reason}; ${each.steps.length > 0 ? 'flushing its authorizer cache only' : 'skipped'}.`),
    flushesCache,
    async result(run, io) {
      if (targets.length === 1) {
        const failed = run.outcomes.find((outcome) => outcome.error)
        if (failed?.error) throw failed.error
      }
      const result: FlushResult = {api, stages: targets.map((each) => stageResult(each, steps, run)), verification: null}
      if (options.wait) {
        if (flushesCache.length === 0) io.note('ResetAuthorizersCache and FlushStageAuthorizersCache take effect at once: there is no status to wait for.')
        await waitForFlushes(session, api.id, result.stages.filter((stage) => stage.status === 'flushed' && flushesCache.includes(stage.stage)), {...options.wait, onProgress: io.note})
      }
      return result
    },
  }
}

/** --wait: follows every stage whose cache was flushed until it is AVAILABLE again, FLEET_CONCURRENCY at once. */
async function waitForFlushes(session: AwsSession, apiId: string, flushed: StageFlush[], options: {timeoutMs: number; onProgress(line: string): void}): Promise<void> {
  await mapConcurrently(flushed, FLEET_CONCURRENCY, async ({stage}) => {
    await waitForCacheStatus(session, {apiId, stageName: stage, until: ['AVAILABLE'], timeoutMs: options.timeoutMs, onProgress: options.onProgress})
  })
}

function target(session: AwsSession, apiId: string, found: FoundStage, authorizers: boolean): Target {
  const stage = found.summary.name
  if (found.kind !== 'rest') {
    const input = {ApiId: apiId, StageName: stage}
    return {stage, reason: null, steps: [{service: 'apigatewayv2', operation: 'ResetAuthorizersCache', input, summary: `reset the authorizer cache of stage "${stage}"`, run: async () => (await session.v2()).resetAuthorizersCache(apiId, stage)}]}
  }
  const input = {restApiId: apiId, stageName: stage}
  const reason = flushBlocker(found)
  const steps: ChangeStep[] = []
  if (reason === null) steps.push({service: 'apigateway', operation: 'FlushStageCache', input, summary: `flush the cache of stage "${stage}"`, run: async () => (await session.rest()).flushStageCache(apiId, stage)})
  if (authorizers) {
    steps.push({service: 'apigateway', operation: 'FlushStageAuthorizersCache', input, summary: `flush the authorizer cache of stage "${stage}"`, run: async () => (await session.rest()).flushStageAuthorizersCache(apiId, stage)})
  }
  return {stage, reason, steps}
}

/** Why a REST stage's cache cannot be flushed: there is no cluster, or it holds nothing yet (docs/aws-behaviour.md#flushing-a-stage-cache). */
function flushBlocker(found: FoundStage): string | null {
  const cache = found.summary.cache
  if (!cache || cacheServes(cache.status)) return null
  if (!cache.enabled) return `no cache cluster (${cache.status})`
  return cache.status === 'CREATE_IN_PROGRESS' ? 'its cache cluster is still being created (CREATE_IN_PROGRESS) and holds nothing yet' : `its cache cluster is ${cache.status}`
}

function stageResult(target: Target, steps: ChangeStep[], run: ChangeRun): StageFlush {
  const outcomes = target.steps.map((step) => run.outcomes[steps.indexOf(step)])
  const failed = outcomes.find((outcome) => outcome.status === 'failed')
  return {
    stage: target.stage,
    status: target.steps.length === 0 ? 'skipped' : failed ? 'failed' : 'flushed',
    operations: target.steps.map((step) => step.operation),
    reason: target.reason,
    error: failed?.error ? {code: failed.error.code, message: failed.error.message} : null,
  }
}
