import {readFile} from 'node:fs/promises'
import {extname} from 'node:path'
import {type ApigwError, usageError} from '../errors.js'
import {lineAndColumn} from '../util/text.js'
import {DEFAULT_ROUTE, INTEGRATION, isObject, operationsOf, type Json} from './shape.js'

export type Spec = 'openapi3' | 'swagger2'

/** A definition file read, parsed and checked locally, before any AWS call. */
export interface DefinitionFile {
  /** The path as the operator gave it. */
  path: string
  text: string
  bytes: number
  spec: Spec
  document: Json
}

const YAML_EXTENSIONS = ['.yaml', '.yml']
const INTEGRATION_TYPES = ['aws', 'aws_proxy', 'http', 'http_proxy', 'mock']
/** Integration types that call something, and so need a uri. */
const TARGETED_TYPES = ['aws', 'aws_proxy', 'http', 'http_proxy']
/** Problems listed in one error; the rest are counted. */
const SHOWN_PROBLEMS = 5

/**
 * Reads an OpenAPI 3.0 or Swagger 2.0 file (YAML or JSON) and checks what API Gateway needs from
 * it. Every failure is a usage error (exit 2) naming the file, the line and the problem.
 */
export async function readDefinition(path: string): Promise<DefinitionFile> {
  const text = await readText(path)
  const document = await parse(path, text)
  const spec = await specOf(path, text, document)
  const problems = structuralProblems(document)
  if (problems.length > 0) throw await invalid(path, text, problems)
  return {path, text, bytes: Buffer.byteLength(text), spec, document}
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw usageError(`No such file: ${path}`, ['Try: check the path (it is relative to the current directory)'], 'FILE_NOT_FOUND')
    if (code === 'EISDIR') throw usageError(`${path} is a directory; give the definition file inside it.`, [`Try: ls ${path}`], 'FILE_UNREADABLE')
    throw usageError(`Cannot read ${path}: ${(error as Error).message}`, ['Try: check the file\'s permissions'], 'FILE_UNREADABLE')
  }
}

/**
 * JSON by extension (or, without a YAML extension, by a leading "{"), else YAML. A syntax error is
 * reported at its line and column.
 */
async function parse(path: string, text: string): Promise<Json> {
  const extension = extname(path).toLowerCase()
  const braced = text.trimStart().startsWith('{')
  if (extension === '.json' || (braced && !YAML_EXTENSIONS.includes(extension))) return mapping(path, parseJson(path, text))
  // JSON is YAML too, and parses many times faster: a YAML file that opens like JSON is tried as JSON first.
  if (braced) {
    const json = tryJson(text)
    if (json !== undefined) return mapping(path, json)
  }
  const parsed = (await import('../util/yaml-source.js')).parseYaml(text)
  if (!parsed.ok) throw syntaxError('YAML', path, text, parsed.message, parsed.offset)
  return mapping(path, parsed.value)
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    const position = /at position (\d+)/.exec(message)
    // Node words it "Unexpected token } in JSON at position 12"; keep the part that names the problem.
    throw syntaxError('JSON', path, text, message.replace(/ in JSON at position \d+.*$/s, ''), position ? Number(position[1]) : text.length)
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The parsed document, which must be a mapping of OpenAPI fields. */
function mapping(path: string, value: unknown): Json {
  if (isObject(value)) return value
  throw usageError(`${path} is not an API definition: it holds ${value === null || value === undefined ? 'nothing' : `a ${Array.isArray(value) ? 'list' : typeof value}`}, not a mapping of OpenAPI fields.`, [
    'Try: give an OpenAPI 3.0 or Swagger 2.0 file',
  ], 'INVALID_DEFINITION')
}

function syntaxError(language: string, path: string, text: string, problem: string, offset: number): ApigwError {
  const {line, column} = lineAndColumn(text, offset)
  return usageError(`Invalid ${language} in ${path} at line ${line}, column ${column}: ${problem}\n${excerpt(text, line, column)}`, [
    `Try: fix line ${line} of ${path}; nothing was sent to AWS`,
  ], 'INVALID_DEFINITION')
}

/** API Gateway imports OpenAPI 3.0.x and Swagger 2.0; anything else is refused here, with the line. */
async function specOf(path: string, text: string, document: Json): Promise<Spec> {
  const field = document.openapi !== undefined ? 'openapi' : document.swagger !== undefined ? 'swagger' : undefined
  if (field === undefined) {
    throw usageError(`${path} is not an OpenAPI definition: it has no "openapi" or "swagger" field.`, [
      'Try: declare the version at the top of the file: openapi: "3.0.1" (or swagger: "2.0")',
    ], 'UNSUPPORTED_OPENAPI_VERSION')
  }
  const version = document[field]
  if (field === 'openapi' && typeof version === 'string' && /^3\.0(\.\d+)?$/.test(version)) return 'openapi3'
  if (field === 'swagger' && version === '2.0') return 'swagger2'
  const {line} = lineAndColumn(text, (await import('../util/yaml-source.js')).offsetOfKey(text, [field]))
  if (typeof version !== 'string') {
    const example = field === 'openapi' ? '3.0.1' : '2.0'
    throw usageError(`${path} declares ${field} as the ${typeof version} ${JSON.stringify(version)} at line ${line}; the version must be a string such as "${example}" (YAML reads an unquoted 3.0 as a number).`, [
      `Try: quote it: ${field}: "${example}"`,
    ], 'UNSUPPORTED_OPENAPI_VERSION')
  }
  throw usageError(`${path} declares ${field} "${version}" at line ${line}: API Gateway imports OpenAPI 3.0.x and Swagger 2.0 only.`, [
    'Try: write the definition as OpenAPI 3.0 (openapi: "3.0.1") or Swagger 2.0 (swagger: "2.0")',
  ], 'UNSUPPORTED_OPENAPI_VERSION')
}

interface Problem {
  /** Keys from the document's root to where the problem is written. */
  at: string[]
  message: string
}

/** What API Gateway would refuse, or misread, in a parsed document. */
function structuralProblems(document: Json): Problem[] {
  const problems: Problem[] = []
  const info = document.info
  if (!isObject(info) || typeof info.title !== 'string' || info.title.trim() === '') {
    problems.push({at: ['info', 'title'], message: 'info.title is missing: it names the API'})
  }
  if (!isObject(document.paths)) {
    problems.push({at: ['paths'], message: document.paths === undefined ? 'paths is missing' : 'paths must be a mapping of paths to operations'})
    return problems
  }
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/') && path !== DEFAULT_ROUTE) problems.push({at: ['paths', path], message: `path "${path}" must start with "/"`})
    else if (!isObject(item)) problems.push({at: ['paths', path], message: `path ${path} must be a mapping of methods to operations`})
  }
  for (const {path, key, method, operation} of operationsOf(document)) {
    const at = ['paths', path, key]
    if (!isObject(operation)) {
      problems.push({at, message: `${method} ${path} must be a mapping (an operation object)`})
      continue
    }
    const integration = operation[INTEGRATION]
    if (integration === undefined) continue
    if (!isObject(integration)) problems.push({at: [...at, INTEGRATION], message: `${method} ${path}: ${INTEGRATION} must be a mapping`})
    else if (integration.$ref === undefined) problems.push(...integrationProblems(integration, [...at, INTEGRATION], `${method} ${path}`))
  }
  return problems
}

function integrationProblems(integration: Json, at: string[], operation: string): Problem[] {
  const type = typeof integration.type === 'string' ? integration.type.toLowerCase() : undefined
  if (type === undefined || !INTEGRATION_TYPES.includes(type)) {
    const written = integration.type === undefined ? 'has no type' : `has an unknown type ${JSON.stringify(integration.type)}`
    return [{at: [...at, 'type'], message: `${operation}: the integration ${written}; use one of ${INTEGRATION_TYPES.join(', ')}`}]
  }
  if (TARGETED_TYPES.includes(type) && typeof integration.uri !== 'string') {
    return [{at: [...at, 'uri'], message: `${operation}: the ${type} integration has no uri`}]
  }
  return []
}

async function invalid(path: string, text: string, problems: Problem[]): Promise<ApigwError> {
  const {offsetOfKey} = await import('../util/yaml-source.js')
  const lines = problems.slice(0, SHOWN_PROBLEMS).map((problem) => `  line ${lineAndColumn(text, offsetOfKey(text, problem.at)).line}: ${problem.message}`)
  const more = problems.length > SHOWN_PROBLEMS ? [`  … and ${problems.length - SHOWN_PROBLEMS} more`] : []
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`
  return usageError(`${path} has ${count} API Gateway would refuse:\n${[...lines, ...more].join('\n')}`, [`Try: fix ${path}; nothing was sent to AWS`], 'INVALID_DEFINITION')
}

/** The offending line, with a caret under the column. */
function excerpt(text: string, line: number, column: number): string {
  const source = (text.split('\n')[line - 1] ?? '').replace(/\r$/, '')
  const gutter = String(line)
  return `  ${gutter} | ${source}\n  ${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, column - 1))}^`
}
