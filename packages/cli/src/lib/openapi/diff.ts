import type {AwsSession} from '../aws/index.js'
import {compareDefinitions, type DefinitionDiff} from './compare.js'
import {readDefinition} from './definition-file.js'
import {fetchExport} from './export.js'
import type {ImportKind} from './kind.js'
import {normalizeDefinition} from './normalize.js'
import {resolveTarget} from './target.js'

export interface DiffOptions {
  file: string
  api: string
  stage?: string
}

/** The stable JSON shape of `apis diff` (docs/json.md): the comparison, and what was compared. */
export interface DiffReport extends DefinitionDiff {
  file: string
  api: {id: string; name: string; type: ImportKind}
  /** The stage compared; null for an HTTP API's current definition. */
  stage: string | null
  /** How many operations each side has. */
  operations: {file: number; aws: number}
}

/**
 * Compares a definition file with what AWS has: a REST stage's export, or an HTTP API's current
 * definition (or a stage's). The file is read and checked before any AWS call.
 */
export async function diffApi(session: AwsSession, options: DiffOptions): Promise<DiffReport> {
  const definition = await readDefinition(options.file)
  const target = await resolveTarget(session, options.api)
  // "apigateway" extensions carry integrations and authorizers; JSON parses fastest.
  const exported = await fetchExport(session, target, {stage: options.stage, format: 'oas30', extensions: 'apigateway', yaml: false})
  const fromFile = normalizeDefinition(definition.document, target.kind)
  const fromAws = normalizeDefinition(JSON.parse(new TextDecoder().decode(exported.body)), target.kind)
  return {
    ...compareDefinitions(fromFile, fromAws),
    file: options.file,
    api: {id: target.id, name: target.name, type: target.kind},
    stage: exported.stage,
    operations: {file: fromFile.size, aws: fromAws.size},
  }
}
