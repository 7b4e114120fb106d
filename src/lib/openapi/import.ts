import type {RestApi} from '../aws/rest-gateway.js'
import type {AwsSession} from '../aws/session.js'
import {sameNameWarnings} from '../apis/same-name.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {fromStep, type Plan, type PlanStep, type StepResults} from '../plan/plan.js'
import {readDefinition, type DefinitionFile} from './definition-file.js'
import {checkKindFits, kindLabel, kindToCreate, type ImportKind} from './kind.js'
import {resolveTarget, type ApiTarget} from './target.js'

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
}

/** The stable JSON shape of `apis import` (README). */
export interface ImportResult {
  api: {id: string; name: string; type: ImportKind}
  action: 'created' | 'merged' | 'overwritten'
  file: string
  /** What AWS imported past, as it worded it. */
  warnings: string[]
  /** With --deploy: the stage, and the deployment made (null when the stage deploys itself: HTTP auto-deploy). */
  deployment: {stage: string; deploymentId: string | null; autoDeployed: boolean} | null
}

export interface PreparedImport {
  plan: Plan
  /** For stderr, before anything is imported: other APIs with the name a new API would get. */
  warnings: string[]
  resultOf(results: StepResults): ImportResult
}

/** Stage names: alphanumerics, "-" and "_" (at most 128); HTTP APIs also have "$default". */
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/

interface Imported {
  id: string
  name: string
  warnings: string[]
}

/** What a deploy after the import does, decided before anything runs. */
type DeployShape = 'rest' | 'http-existing-stage' | 'http-new-stage' | 'http-auto-deploy'

/**
 * Plans an import: the file is read and checked first (no AWS call for a bad file), then the
 * target is resolved. Creating and merging are safe; overwriting a REST API, and re-importing an
 * HTTP API (which always replaces its routes and integrations), are destructive.
 */
export async function planImport(session: AwsSession, options: ImportOptions): Promise<PreparedImport> {
  const definition = await readDefinition(options.file)
  const target = options.api === undefined ? undefined : await resolveTarget(session, options.api)
  const kind = target ? target.kind : kindToCreate(definition, options.type)
  if (target) checkKindFits(definition, options.type, target)
  checkFlags(options, kind, target)
  const deployShape = options.deploy === undefined ? undefined : await deployShapeFor(session, kind, target, options.deploy)
  const imports = kind === 'rest' ? restImport(session, definition, options, target) : httpImport(session, definition, options, target)
  const apiId = (results: StepResults) => target?.id ?? imports.read(results[0]).id
  const deploySteps = deployShape ? deploymentSteps(session, deployShape, target?.id, apiId, options.deploy!) : []
  const action = !target ? 'created' : kind === 'rest' && options.mode !== 'overwrite' ? 'merged' : 'overwritten'
  const title = String((definition.document.info as {title: string}).title)
  const summary = {
    created: `import ${options.file} as a new ${kindLabel(kind)} API "${title}"`,
    merged: `merge ${options.file} into ${target?.label}`,
    overwritten:
      kind === 'rest' ? `overwrite ${target?.label} with ${options.file}, replacing its resources and methods` : `replace the routes and integrations of ${target?.label} with those of ${options.file}`,
  }[action]
  const plan: Plan = {
    summary: options.deploy === undefined ? summary : `${summary}, then deploy it to stage "${options.deploy}"`,
    severity: action === 'overwritten' ? 'destructive' : 'safe',
    steps: [options.failOnWarnings ? gateOnWarnings(imports.step, options.file) : imports.step, ...deploySteps],
    // Only a deploy step can fail after the import has changed something.
    recovery: (_failed, results) =>
      `Try: apigw apis import ${options.file} --api ${apiId(results)} --deploy ${options.deploy}${kind === 'rest' ? '' : ' --yes'} (the import is done; this imports the same file again and deploys)`,
  }
  return {
    plan,
    warnings: action === 'created' ? await sameNameWarnings(session, title, kind) : [],
    resultOf: (results) => {
      const imported = imports.read(results[0])
      // The last deploy step's answer names the deployment: CreateDeployment's (REST `id`, HTTP `DeploymentId`), or CreateStage's.
      const deployed = (deploySteps.length > 0 ? results.at(-1) : undefined) as {id?: string; DeploymentId?: string} | undefined
      const deploymentId = deployed?.id ?? deployed?.DeploymentId
      return {
        api: {id: imported.id, name: imported.name, type: kind},
        action,
        file: options.file,
        warnings: imported.warnings,
        deployment: options.deploy === undefined ? null : {stage: options.deploy, deploymentId: deploymentId ?? null, autoDeployed: deployShape === 'http-auto-deploy'},
      }
    },
  }
}

/** With --fail-on-warnings, AWS refuses a definition it has warnings about: a failed gate (exit 1), not an AWS fault. */
function gateOnWarnings(step: PlanStep, file: string): PlanStep {
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
  const stage = options.deploy
  if (stage !== undefined && !STAGE_NAME.test(stage) && !(kind === 'http' && stage === '$default')) {
    throw usageError(`--deploy "${stage}" is not a valid stage name: use letters, digits, "-" and "_"${kind === 'http' ? ', or $default' : ''}.`, ['Try: --deploy prod'], 'INVALID_STAGE_NAME')
  }
}

function restImport(session: AwsSession, definition: DefinitionFile, options: ImportOptions, target: ApiTarget | undefined) {
  const body = Buffer.from(definition.text)
  const parameters = {
    ...(options.endpointType && {endpointConfigurationTypes: options.endpointType.toUpperCase()}),
    ...(options.basepath && {basepath: options.basepath}),
  }
  const common = {failOnWarnings: options.failOnWarnings, ...(Object.keys(parameters).length > 0 && {parameters})}
  const shown = {...common, body: bodyLabel(definition)}
  const step: PlanStep = target
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
        run: async () => (await session.rest()).importRestApi({...common, body}),
      }
  const read = (result: unknown): Imported => {
    const api = result as RestApi
    return {id: api.id ?? '', name: api.name ?? '', warnings: api.warnings ?? []}
  }
  return {step, read}
}

function httpImport(session: AwsSession, definition: DefinitionFile, options: ImportOptions, target: ApiTarget | undefined) {
  const common = {FailOnWarnings: options.failOnWarnings, ...(options.basepath && {Basepath: options.basepath})}
  const step: PlanStep = target
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
        run: async () => (await session.v2()).importApi({...common, Body: definition.text}),
      }
  const read = (result: unknown): Imported => {
    const api = result as {ApiId?: string; Name?: string; Warnings?: string[]}
    return {id: api.ApiId ?? '', name: api.Name ?? '', warnings: api.Warnings ?? []}
  }
  return {step, read}
}

/** The body in a plan: the file, not its bytes. */
const bodyLabel = (definition: DefinitionFile) => `<contents of ${definition.path}: ${definition.bytes} bytes>`

/** An HTTP stage that exists may deploy itself (auto-deploy) or need a deployment; a missing one is created. */
async function deployShapeFor(session: AwsSession, kind: ImportKind, target: ApiTarget | undefined, stageName: string): Promise<DeployShape> {
  if (kind === 'rest') return 'rest'
  const stage = target ? (await (await session.v2()).listStages(target.id)).find((candidate) => candidate.StageName === stageName) : undefined
  if (!stage) return 'http-new-stage'
  return stage.AutoDeploy ? 'http-auto-deploy' : 'http-existing-stage'
}

function deploymentSteps(session: AwsSession, shape: DeployShape, knownId: string | undefined, apiId: (results: StepResults) => string, stageName: string): PlanStep[] {
  const id = knownId ?? fromStep(1, 'API id')
  switch (shape) {
    case 'rest':
      return [
        {
          service: 'apigateway',
          operation: 'CreateDeployment',
          input: {restApiId: id, stageName},
          summary: `deploy to stage "${stageName}" (created if missing)`,
          run: async (results) => (await session.rest()).createDeployment({restApiId: apiId(results), stageName}),
        },
      ]
    case 'http-auto-deploy':
      return []
    case 'http-existing-stage':
      return [
        {
          service: 'apigatewayv2',
          operation: 'CreateDeployment',
          input: {ApiId: id, StageName: stageName},
          summary: `deploy to stage "${stageName}"`,
          run: async (results) => (await session.v2()).createDeployment({ApiId: apiId(results), StageName: stageName}),
        },
      ]
    case 'http-new-stage':
      return [
        {
          service: 'apigatewayv2',
          operation: 'CreateDeployment',
          input: {ApiId: id},
          summary: 'make a deployment',
          run: async (results) => (await session.v2()).createDeployment({ApiId: apiId(results)}),
        },
        {
          service: 'apigatewayv2',
          operation: 'CreateStage',
          input: {ApiId: id, StageName: stageName, DeploymentId: fromStep(2, 'deployment id')},
          summary: `create stage "${stageName}" on that deployment`,
          run: async (results) => (await session.v2()).createStage({ApiId: apiId(results), StageName: stageName, DeploymentId: (results[1] as {DeploymentId?: string}).DeploymentId}),
        },
      ]
  }
}
