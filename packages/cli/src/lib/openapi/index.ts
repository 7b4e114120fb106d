/**
 * OpenAPI definitions: reading a definition file, exporting a stage's, normalizing and comparing
 * them (`apigw apis export`, `apigw apis diff`).
 * The public door of lib/openapi: code outside this folder imports from here, never from its files.
 */
export {byOperation, compareDefinitions} from './compare.js'
export type {FieldChange} from './compare.js'
export {readDefinition} from './definition-file.js'
export type {DefinitionFile} from './definition-file.js'
export {diffApi} from './diff.js'
export type {DiffReport} from './diff.js'
export {EXPORT_EXTENSIONS, EXPORT_FORMATS, exportApi, fetchExport} from './export.js'
export {checkKindFits, kindLabel, kindToCreate} from './kind.js'
export type {ImportKind} from './kind.js'
export {normalizeDefinition} from './normalize.js'
export type {FieldValue, NormalizedApi} from './normalize.js'
export {resolveTarget} from './target.js'
export type {ApiTarget} from './target.js'
