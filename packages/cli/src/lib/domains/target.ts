import type {AwsSession} from '../aws/index.js'
import {apiLabel, findStage, resolveApi, summarize, type ApiType} from '../catalog/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {shellCommand} from '../util/shell.js'
import {pathText, readDomains, type DomainMapping, type DomainSummary} from './read.js'

/** An API's stage a path can reach: found, and deployed. */
export interface MappingTarget {
  api: {id: string; name: string; type: ApiType}
  stage: string
  deploymentId: string
}

/**
 * Whether a path to `apiType` goes through v1 (base path mappings) or v2 (API mappings). v1 maps
 * REST APIs under one-level paths; v2 maps every kind and multi-level keys
 * (docs/aws-behaviour.md#base-path-mappings, docs/aws-behaviour.md#api-mappings).
 */
export const throughBasePath = (apiTypes: Array<ApiType | null>, path: string) => apiTypes.every((type) => type === 'rest') && !path.includes('/')

/** `--path`: no leading or trailing slash, '' (or "(none)") for the empty path. */
export function normalPath(path: string): string {
  const trimmed = path.trim().replace(/^\/+|\/+$/g, '')
  return trimmed === '(none)' ? '' : trimmed
}

/** An apigw command to suggest, with --sandbox when this run talks to the sandbox (so that it reaches the same one). */
export const apigwCommand = (session: AwsSession, ...args: string[]) => `${shellCommand('apigw', ...args)}${session.options.sandbox ? ' --sandbox' : ''}`

/**
 * The API's stage, which must exist and run a deployment: a path mapped to it must answer.
 * `stageHint` turns a stage name into the flag that names it (`--to api:stage` for a switch).
 */
export async function findTarget(session: AwsSession, options: {api: string; stage: string}, stageHint = (stage: string) => `--stage ${stage}`): Promise<MappingTarget> {
  const entry = await resolveApi(session, options.api)
  const {id, name, type} = summarize(entry)
  const found = await findStage(session, entry, options.stage).catch((error: unknown) => {
    if (!(error instanceof ApigwError) || error.code !== 'STAGE_NOT_FOUND') throw error
    throw new ApigwError(error.message, {code: error.code, exitCode: error.exitCode, suggestions: error.suggestions.map((line) => line.replace(/^Try: --stage (\S+)$/, (_, stage: string) => `Try: ${stageHint(stage)}`))})
  })
  const deploymentId = found.summary.deploymentId
  if (!deploymentId) {
    throw new ApigwError(`Stage "${found.summary.name}" of ${apiLabel({id, name, type})} runs no deployment: a path mapped to it would answer nothing.`, {
      code: 'STAGE_NOT_DEPLOYED',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: ${apigwCommand(session, 'deploy', '--api', id, '--stage', found.summary.name)}`],
    })
  }
  return {api: {id, name, type}, stage: found.summary.name, deploymentId}
}

/** One domain, read with its mappings, and the mapping at `path` if there is one. */
export async function openPath(session: AwsSession, options: {domain: string; path: string}): Promise<{domain: DomainSummary; mapping: DomainMapping | undefined}> {
  const {domains} = await readDomains(session, {domain: options.domain})
  const [domain] = domains
  return {domain, mapping: domain.mappings.find((candidate) => candidate.path === options.path)}
}

export function pathNotMapped(session: AwsSession, domain: DomainSummary, path: string): ApigwError {
  return new ApigwError(`Path ${pathText(path)} of ${domain.domainName} is not mapped.`, {
    code: 'MAPPING_NOT_FOUND',
    exitCode: ExitCode.notFound,
    suggestions: [
      domain.mappings.length > 0 ? `Its paths: ${domain.mappings.map((mapping) => pathText(mapping.path)).join(', ')}` : 'It has no mappings.',
      `Try: ${apigwCommand(session, 'domains', 'show', domain.domainName)}`,
    ],
  })
}

/** The domain's ARN, for its tags (v1's form: the v1 TagResource takes it). */
export const domainArn = (session: AwsSession, domainName: string) => `arn:aws:apigateway:${session.settings.region}::/domainnames/${domainName}`

/** 'path orders of api.example.com' */
export const pathLabel = (domainName: string, path: string) => `path ${pathText(path)} of ${domainName}`
