import type {AwsSession} from '../aws/index.js'
import type {ChangeStep, PreparedChange} from '../change/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {pathText, type DomainMapping} from './read.js'
import {apigwCommand, findTarget, normalPath, openPath, pathLabel, pathNotMapped, throughBasePath, type MappingTarget} from './target.js'

/** The stable JSON shape of `domains map` and `domains unmap` (docs/json.md). */
export interface MappingChanged {
  domain: string
  path: string
  /** The mapping as AWS holds it afterwards; null once unmapped. */
  mapping: DomainMapping | null
  /** v1's base path mapping or v2's API mapping: which service made the change. */
  through: 'base-path-mapping' | 'api-mapping'
}

export interface MapOptions {
  domain: string
  path: string
  api: string
  stage: string
}

/** Prepares a new mapping of a free path to a deployed stage; a path already mapped is refused (exit 5): that is `domains switch`. */
export async function prepareMap(session: AwsSession, options: MapOptions): Promise<PreparedChange<MappingChanged>> {
  const path = normalPath(options.path)
  const [{domain, mapping}, target] = await Promise.all([openPath(session, {domain: options.domain, path}), findTarget(session, options)])
  const where = pathLabel(domain.domainName, path)
  if (mapping) {
    throw new ApigwError(`The ${where} is already mapped, to ${mapping.api.id}:${mapping.stage ?? '(whole API)'}.`, {
      code: 'PATH_MAPPED',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: ${apigwCommand(session, 'domains', 'switch', '--domain', domain.domainName, '--path', pathText(path), '--to', `${target.api.id}:${target.stage}`)}, to move it in place`],
    })
  }
  const through = throughBasePath([target.api.type], path) ? 'base-path-mapping' : 'api-mapping'
  const step = await createStep(session, domain.domainName, path, target, through)
  return {
    change: {summary: `map ${where} to stage "${target.stage}" of ${target.api.name} (${target.api.id})`, severity: 'safe', steps: [step]},
    result: async () => ({domain: domain.domainName, path, mapping: (await openPath(session, {domain: domain.domainName, path})).mapping ?? null, through}),
  }
}

async function createStep(session: AwsSession, domainName: string, path: string, target: MappingTarget, through: MappingChanged['through']): Promise<ChangeStep> {
  const summary = `map ${pathLabel(domainName, path)} to ${target.api.id}:${target.stage}`
  if (through === 'base-path-mapping') {
    const rest = await session.rest()
    return {
      service: 'apigateway',
      operation: 'CreateBasePathMapping',
      input: {domainName, basePath: path, restApiId: target.api.id, stage: target.stage},
      summary,
      run: () => rest.createBasePathMapping(domainName, path, target.api.id, target.stage),
    }
  }
  const v2 = await session.v2()
  return {
    service: 'apigatewayv2',
    operation: 'CreateApiMapping',
    input: {DomainName: domainName, ApiMappingKey: path, ApiId: target.api.id, Stage: target.stage},
    summary,
    run: () => v2.createApiMapping(domainName, path, target.api.id, target.stage),
  }
}

/** Prepares removing a path's mapping: requests to it answer 404 afterwards, so it is destructive. */
export async function prepareUnmap(session: AwsSession, options: {domain: string; path: string}): Promise<PreparedChange<MappingChanged>> {
  const path = normalPath(options.path)
  const {domain, mapping} = await openPath(session, {domain: options.domain, path})
  if (!mapping) throw pathNotMapped(session, domain, path)
  const where = pathLabel(domain.domainName, path)
  const through = throughBasePath([mapping.api.type], path) ? 'base-path-mapping' : 'api-mapping'
  const step: ChangeStep =
    through === 'base-path-mapping'
      ? {service: 'apigateway', operation: 'DeleteBasePathMapping', input: {domainName: domain.domainName, basePath: pathText(path)}, summary: `unmap ${where}`, run: async () => (await session.rest()).deleteBasePathMapping(domain.domainName, pathText(path))}
      : {service: 'apigatewayv2', operation: 'DeleteApiMapping', input: {DomainName: domain.domainName, ApiMappingId: mapping.apiMappingId}, summary: `unmap ${where}`, run: async () => (await session.v2()).deleteApiMapping(domain.domainName, mapping.apiMappingId)}
  return {
    change: {summary: `unmap ${where} (now ${mapping.api.id}:${mapping.stage ?? '(whole API)'})`, severity: 'destructive', steps: [step]},
    warnings: [`Requests to https://${domain.domainName}/${path} will answer 404 once it is unmapped.`],
    result: async () => ({domain: domain.domainName, path, mapping: (await openPath(session, {domain: domain.domainName, path})).mapping ?? null, through}),
  }
}
