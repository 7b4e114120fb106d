import type {RestApi} from '../aws/index.js'
import type {AwsSession} from '../aws/index.js'
import {apisNamed, nameClashWarnings} from '../apis/index.js'
import type {ApisBefore} from '../aws/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {fromStep, type Change, type ChangeStep, type StepResults} from '../change/index.js'
import type {PreparedChange} from '../change/index.js'
import {readDefinition, type DefinitionFile} from '../openapi/index.js'
import {checkKindFits, kindLabel, kindToCreate, type ImportKind} from '../openapi/index.js'
import {releaseAdapter, type DeploySteps, type PendingId} from '../releases/adapter.js'
import {withRecord} from '../releases/note.js'
import {resolveTarget, type ApiTarget} from '../openapi/index.js'
import {checkStageName, DEFAULT_STAGE} from '../util/stage-name.js'
import {shellCommand} from '../util/shell.js'

export const IMPORT_MODES = ['merge', 'overwrite'] as const
export const ENDPOINT_TYPES = ['regional', 'edge', 'private'] as const
export const BASEPATH_MODES = ['ignore', 'prepend', 'split'] as const

export interface ImportOptions {
  file: string
  /** An existing API to update; without it, a new API is created. */
  api?: string
  type?: ImportKind
  mode?: (typeof IMPORT_MODES)[number]
  failOnWarnings: boolean
  endpointType?: (typeof ENDPOINT_TYPES)[number]
  basepath?: (typeof BASEPATH_MODES)[number]
  /** A stage to deploy to once the import is done. */
  deploy?: string
  /** Who deploys, for the deployment's release record (stages history, stages rollback). */
  actor: string
  now?: Date
}

/** The stable JSON shape of `apis import` (docs/json.md). */
export interface ImportResult {
  api: {id: string; name: string; type: ImportKind}
  action: 'created' | 'merged' | 'overwritten'
  file: string
  /** What AWS imported past, as it worded it. */
  warnings: string[]
  /** With --deploy: the stage, and the deployment made (null when the stage deploys itself: HTTP auto-deploy). */
  deployment: {stage: string; deploymentId: string | null; autoDeployed: boolean} | null
}


interface Imported {
  id: string
  name: string
  warnings: string[]
}

/** The stage a deploy after the import goes to, as it is before the import. */
interface StageNow {
  exists: boolean
  /** An HTTP stage that deploys itself needs no deployment. */
  autoDeploy: boolean
  /** What it runs now, which the new deployment replaces. */
  deploymentId?: string
}

/**
 * Prepares an import: the file is read and checked first (no AWS call for a bad file), then the
 * target is resolved. Creating and merging are safe; overwriting a REST API, and re-importing an
 * HTTP API (which always replaces its routes and integrations), are destructive.
 */
export async function prepareImport(session: AwsSession, options: ImportOptions): Promise<PreparedChange<ImportResult>> {
  const definition = await readDefinition(options.file)
  const target = options.api === undefined ? undefined : await resolveTarget(session, options.api)
  const kind = target ? target.kind : kindToCreate(definition, options.type)
  if (target) checkKindFits(definition, options.type, target)
  checkFlags(options, kind, target)
  const stage = options.deploy === undefined ? undefined : await stageNow(session, kind, target, options.deploy)
  const title = String((definition.document.info as {title: string}).title)
  // A new API takes the definition's title: those that have it already are not the import's, even if its answer is lost.
  const sameName = target ? [] : await apisNamed(session, title)
  const before: ApisBefore = {name: title, ids: sameName.map((api) => api.id)}
  const imports = kind === 'rest' ? restImport(session, definition, options, target, before) : httpImport(session, definition, options, target, before)
  const apiId = (results: StepResults) => target?.id ?? imports.read(results[0]).id
  const deploy = stage && !stage.autoDeploy ? deploySteps(session, kind, {shown: target?.id ?? fromStep(1, 'API id'), of: apiId}, options, stage) : undefined
  const action = !target ? 'created' : kind === 'rest' && options.mode !== 'overwrite' ? 'merged' : 'overwritten'
  const summary = {
    created: `import ${options.file} as a new ${kindLabel(kind)} API "${title}"`,
    merged: `merge ${options.file} into ${target?.label}`,
    overwritten:
      kind === 'rest' ? `overwrite ${target?.label} with ${options.file}, replacing its resources and methods` : `replace the routes and integrations of ${target?.label} with those of ${options.file}`,
  }[action]
  const change: Change = {
    summary: options.deploy === undefined ? summary : `${summary}, then deploy it to stage "${options.deploy}"`,
    severity: action === 'overwritten' ? 'destructive' : 'safe',
    steps: [options.failOnWarnings ? gateOnWarnings(imports.step, options.file) : imports.step, ...(deploy?.steps ?? [])],
    // Only a deploy step can fail after the import has changed something.
    recovery: (_failed, results) =>
      `Try: ${shellCommand('apigw', 'apis', 'import', options.file, '--api', apiId(results), '--deploy', options.deploy ?? '', ...(kind === 'rest' ? [] : ['--yes']))} (the import is done; this imports the same file again and deploys)`,
  }
  return {
    change,
    // Other APIs with the name a new API would get.
    warnings: nameClashWarnings(sameName, title, kind),
    result: (run, io) => {
      const imported = imports.read(run.results[0])
      for (const warning of imported.warnings) io.warn(`AWS: ${warning}`)
      return {
        api: {id: imported.id, name: imported.name, type: kind},
        action,
        file: options.file,
        warnings: imported.warnings,
        deployment: options.deploy === undefined ? null : {stage: options.deploy, deploymentId: deploy?.deploymentId(run.results) ?? null, autoDeployed: stage?.autoDeploy ?? false},
      }
    },
  }
}

/** With --fail-on-warnings, AWS refuses a definition it has warnings about: a failed gate (exit 1), not an AWS fault. */
function gateOnWarnings(step: ChangeStep, file: string): ChangeStep {
  return {
    ...step,
    run: (results) =>
      step.run(results).catch((error: unknown) => {
        if (!(error instanceof ApigwError) || error.code !== 'BadRequestException' || !/warning/i.test(error.message)) throw error
        throw new ApigwError(`${error.message}\nNothing was imported (--fail-on-warnings).`, {
          code: 'IMPORT_WARNINGS',
          exitCode: ExitCode.negative,
          suggestions: [`Try: fix what AWS warns about in ${file}, or import without --fail-on-warnings`],
          cause: error,
        })
      }),
  }
}

/** Flags that only make sense for one kind, or only when creating. */
function checkFlags(options: ImportOptions, kind: ImportKind, target: ApiTarget | undefined): void {
  if (kind === 'http' && options.mode === 'merge') {
    throw usageError(`${target?.label} cannot be merged into: re-importing an HTTP API replaces all its routes and integrations.`, ['Try: --mode overwrite (or leave out --mode)'])
  }
  if (target && options.endpointType !== undefined) {
    throw usageError(`An import does not change the endpoint type of ${target.label}; --endpoint-type is for new REST APIs.`, ['Try: leave out --endpoint-type'])
  }
  if (kind === 'http' && options.endpointType !== undefined && options.endpointType !== 'regional') {
    throw usageError(`HTTP APIs have regional endpoints only; --endpoint-type ${options.endpointType} is for REST APIs.`, ['Try: leave out --endpoint-type'])
  }
  if (options.deploy === undefined) return
  checkStageName(options.deploy, '--deploy')
  if (kind === 'rest' && options.deploy === DEFAULT_STAGE) {
    throw usageError(`--deploy ${DEFAULT_STAGE}: REST APIs have no $default stage; it is for HTTP APIs.`, ['Try: --deploy prod'], 'INVALID_STAGE_NAME')
  }
}

function restImport(session: AwsSession, definition: DefinitionFile, options: ImportOptions, target: ApiTarget | undefined, before: ApisBefore) {
  const body = Buffer.from(definition.text)
  const parameters = {
    ...(options.endpointType && {endpointConfigurationTypes: options.endpointType.toUpperCase()}),
    ...(options.basepath && {basepath: options.basepath}),
  }
  const common = {failOnWarnings: options.failOnWarnings, ...(Object.keys(parameters).length > 0 && {parameters})}
  const shown = {...common, body: bodyLabel(definition)}
  const step: ChangeStep = target
    ? {
        service: 'apigateway',
        operation: 'PutRestApi',
        input: {restApiId: target.id, mode: options.mode ?? 'merge', ...shown},
        summary: `${options.mode === 'overwrite' ? 'overwrite' : 'merge into'} ${target.label} from ${options.file}`,
        run: async () => (await session.rest()).putRestApi({restApiId: target.id, mode: options.mode ?? 'merge', ...common, body}),
      }
    : {
        service: 'apigateway',
        operation: 'ImportRestApi',
        input: shown,
        summary: `create a REST API from ${options.file}`,
        run: async () => (await session.rest()).importRestApi({...common, body}, before),
      }
  const read = (result: unknown): Imported => {
    const api = result as RestApi
    return {id: api.id ?? '', name: api.name ?? '', warnings: api.warnings ?? []}
  }
  return {step, read}
}

function httpImport(session: AwsSession, definition: DefinitionFile, options: ImportOptions, target: ApiTarget | undefined, before: ApisBefore) {
  const common = {FailOnWarnings: options.failOnWarnings, ...(options.basepath && {Basepath: options.basepath})}
  const step: ChangeStep = target
    ? {
        service: 'apigatewayv2',
        operation: 'ReimportApi',
        input: {ApiId: target.id, ...common, Body: bodyLabel(definition)},
        summary: `replace the routes and integrations of ${target.label} from ${options.file}`,
        run: async () => (await session.v2()).reimportApi({ApiId: target.id, ...common, Body: definition.text}),
      }
    : {
        service: 'apigatewayv2',
        operation: 'ImportApi',
        input: {...common, Body: bodyLabel(definition)},
        summary: `create an HTTP API from ${options.file}`,
        run: async () => (await session.v2()).importApi({...common, Body: definition.text}, before),
      }
  const read = (result: unknown): Imported => {
    const api = result as {ApiId?: string; Name?: string; Warnings?: string[]}
    return {id: api.ApiId ?? '', name: api.Name ?? '', warnings: api.Warnings ?? []}
  }
  return {step, read}
}

/** The body in a change: the file, not its bytes. */
const bodyLabel = (definition: DefinitionFile) => `<contents of ${definition.path}: ${definition.bytes} bytes>`

/** Whether the stage exists and what it runs, REST names compared case-insensitively (docs/aws-behaviour.md#stage-names-are-compared-without-case). */
async function stageNow(session: AwsSession, kind: ImportKind, target: ApiTarget | undefined, stageName: string): Promise<StageNow> {
  if (!target) return {exists: false, autoDeploy: false}
  if (kind === 'rest') {
    const stage = (await (await session.rest()).listStages(target.id)).find((candidate) => candidate.stageName?.toLowerCase() === stageName.toLowerCase())
    return {exists: stage !== undefined, autoDeploy: false, deploymentId: stage?.deploymentId}
  }
  const stage = (await (await session.v2()).listStages(target.id)).find((candidate) => candidate.StageName === stageName)
  return {exists: stage !== undefined, autoDeploy: stage?.AutoDeploy ?? false, deploymentId: stage?.DeploymentId}
}

/** The deploy after the import (step 2 on), recording who deployed and what it replaced, as `apigw deploy` does. */
function deploySteps(session: AwsSession, kind: ImportKind, api: PendingId, options: ImportOptions, stage: StageNow): DeploySteps {
  const stageName = options.deploy!
  const description = withRecord(undefined, {action: 'deploy', stage: stageName, by: options.actor, at: (options.now ?? new Date()).toISOString(), replaced: stage.deploymentId})
  return releaseAdapter(session, kind, api).deploy(stageName, description, {newStage: !stage.exists, firstStep: 2})
}
