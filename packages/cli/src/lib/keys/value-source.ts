import {readFile} from 'node:fs/promises'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {keyValueProblem} from './limits.js'

export interface ValueSource {
  /** Read the value from this stream (--value-stdin). */
  stdin?: NodeJS.ReadableStream
  /** Read the value from this file (--value-file). */
  file?: string
}

/**
 * A key value an operator supplies, never as a flag argument (shell history): from stdin or a file,
 * without the line ending a file or `echo` adds, checked against AWS's rules. Messages never quote it.
 */
export async function readKeyValue(source: ValueSource): Promise<string | undefined> {
  const where = source.file === undefined ? 'stdin' : source.file
  let text: string
  if (source.file !== undefined) text = await readFile(source.file, 'utf8').catch((error: Error) => {
    throw new ApigwError(`Cannot read the key value from ${source.file}: ${error.message}`, {code: 'VALUE_FILE_UNREADABLE', exitCode: ExitCode.usage, suggestions: ['Try: --value-file with a readable file, or --value-stdin']})
  })
  else if (source.stdin) text = await readAll(source.stdin)
  else return undefined
  const value = text.replace(/\r?\n$/, '')
  if (value === '') throw usageError(`The key value from ${where} is empty.`, ['Try: leave out --value-stdin and --value-file, and AWS generates a value'], 'INVALID_KEY_VALUE')
  const characters = valueCharactersProblem(value)
  if (characters) throw usageError(`The key value from ${where} ${characters}.`, ['Try: one line holding only the value'], 'INVALID_KEY_VALUE')
  const problem = keyValueProblem(value)
  if (problem) throw usageError(`${problem} (the value from ${where} has ${value.length}).`, ['Try: leave out --value-stdin and --value-file, and AWS generates a value'], 'INVALID_KEY_VALUE')
  return value
}

/**
 * Why a supplied value cannot be a key: a line break (a file of two lines, not one value) or another
 * control character, which no client can send in the x-api-key header. Undefined when it can be.
 * The same check for `keys create` and every row of `keys import`; it never quotes the value.
 */
export function valueCharactersProblem(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'has more than one line'
  if (/[\u0000-\u001F\u007F]/.test(value)) return 'has a control character (such as a tab)'
  return undefined
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks).toString('utf8')
}
