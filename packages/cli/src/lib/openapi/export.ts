import {writeFile} from 'node:fs/promises'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {stageNotFound} from '../catalog/index.js'
import {checkOutTarget} from '../util/out-file.js'
import {resolveTarget, type ApiTarget} from './target.js'

export const EXPORT_FORMATS = ['oas30', 'swagger'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
/** GetExport's `extensions` values (REST): which x-amazon-apigateway-* extensions the document carries. */
export const EXPORT_EXTENSIONS = ['integrations', 'authorizers', 'apigateway', 'postman'] as const
export type ExportExtensions = (typeof EXPORT_EXTENSIONS)[number]

export interface ExportRequest {
  stage?: string
  format: ExportFormat
  extensions?: ExportExtensions
  yaml: boolean
}

export interface ExportedDocument {
  /** The stage exported; null for an HTTP API's current definition. */
  stage: string | null
  /** The document exactly as AWS returned it. */
  body: Uint8Array
}

/**
 * An API's definition as AWS exports it: for REST, what a stage has deployed (GetExport; the only
 * stage when none is named); for HTTP, the API's current definition or a stage's (ExportApi).
 */
export async function fetchExport(session: AwsSession, target: ApiTarget, request: ExportRequest): Promise<ExportedDocument> {
  if (target.kind === 'http') {
    if (request.format === 'swagger') throw usageError(`${target.label} can only be exported as OpenAPI 3.0: HTTP APIs have no Swagger export.`, ['Try: --format oas30'])
    if (request.extensions === 'postman') throw usageError(`${target.label} has no Postman export: that is for REST APIs.`, ['Try: leave out --extensions'])
    const gateway = await session.v2()
    const response = await withStageCheck(session, target, request.stage, () =>
      gateway.exportApi({ApiId: target.id, Specification: 'OAS30', OutputType: request.yaml ? 'YAML' : 'JSON', StageName: request.stage, IncludeExtensions: true}),
    )
    return {stage: request.stage ?? null, body: response.body ?? new Uint8Array()}
  }
  const gateway = await session.rest()
  const stage = request.stage ?? (await onlyStage(session, target))
  const response = await withStageCheck(session, target, stage, () =>
    gateway.getExport({
      restApiId: target.id,
      stageName: stage,
      exportType: request.format,
      parameters: request.extensions ? {extensions: request.extensions} : undefined,
      accepts: request.yaml ? 'application/yaml' : 'application/json',
    }),
  )
  return {stage, body: response.body ?? new Uint8Array()}
}

/** A REST export needs a stage: the only one, when there is exactly one. */
async function onlyStage(session: AwsSession, target: ApiTarget): Promise<string> {
  const stages = await stageNames(session, target)
  if (stages.length === 1) return stages[0]
  if (stages.length === 0) {
    throw new ApigwError(`${target.label} has no stages, and a REST API is exported from what a stage has deployed.`, {
      code: 'STAGE_NOT_FOUND',
      exitCode: ExitCode.notFound,
      suggestions: ['Try: deploy it first, e.g. apigw apis import <file> --api ' + target.id + ' --deploy <stage>'],
    })
  }
  throw usageError(`${target.label} has ${stages.length} stages (${stages.join(', ')}); say which one to export.`, [`Try: --stage ${stages[0]}`], 'STAGE_REQUIRED')
}

/** AWS answers a missing stage with a bare "not found": say which stages there are instead. */
async function withStageCheck<T>(session: AwsSession, target: ApiTarget, stage: string | undefined, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (stage === undefined || !(error instanceof ApigwError) || error.exitCode !== ExitCode.notFound) throw error
    throw stageNotFound(target.label, stage, await stageNames(session, target))
  }
}

async function stageNames(session: AwsSession, target: ApiTarget): Promise<string[]> {
  if (target.kind === 'http') return (await (await session.v2()).listStages(target.id)).map((stage) => stage.StageName ?? '')
  return (await (await session.rest()).listStages(target.id)).map((stage) => stage.stageName ?? '')
}

export interface ExportOptions extends ExportRequest {
  api: string
  /** Write the document here instead of returning it for stdout. */
  out?: string
}

/** The stable JSON shape of `apis export --out` (docs/json.md). */
export interface ExportSummary {
  api: string
  stage: string | null
  format: ExportFormat
  file: string | null
  bytes: number
}

/** Exports an API's definition; with `out`, writes it to that file. */
export async function exportApi(session: AwsSession, options: ExportOptions): Promise<{summary: ExportSummary; document: Uint8Array}> {
  // An existing file is replaced, as `> file` would; but a path that cannot be written fails before any call.
  if (options.out !== undefined) await checkOutTarget(options.out)
  const target = await resolveTarget(session, options.api)
  const exported = await fetchExport(session, target, options)
  if (options.out !== undefined) {
    try {
      await writeFile(options.out, exported.body)
    } catch (error) {
      throw usageError(`Cannot write ${options.out}: ${(error as Error).message}`, ['Try: another --out path, in a directory that exists and that you can write to'], 'FILE_UNWRITABLE')
    }
  }
  return {
    summary: {api: target.id, stage: exported.stage, format: options.format, file: options.out ?? null, bytes: exported.body.byteLength},
    document: exported.body,
  }
}
