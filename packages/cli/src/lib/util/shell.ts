import {escapeCharacter, hasUnsafeCharacters, UNSAFE_CHARACTERS} from './escape.js'

/**
 * Commands apigw prints for an operator to run (recovery after a partial failure, undo lines) must
 * run as printed in a POSIX shell: every argument is quoted here, and AWS CLI patch operations are
 * given in JSON, because the AWS CLI's shorthand (`op=replace,path=…,value=…`) splits a value at its
 * commas.
 */

/**
 * An argument as a shell needs it typed: quoted only when it must be. One holding control
 * characters (a name from AWS can) is written $'…' with escapes (bash, zsh, ksh), so the command
 * both runs as printed and puts no raw control character on the terminal.
 */
export function shellQuote(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg
  if (!hasUnsafeCharacters(arg)) return `'${arg.replaceAll("'", `'\\''`)}'`
  const escaped = arg.replace(/[\\']/g, '\\$&').replace(UNSAFE_CHARACTERS, (char) => (char.charCodeAt(0) < 0x80 ? escapeCharacter(char) : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`))
  return `$'${escaped}'`
}

/** A command line from its words, each quoted as it must be. */
export const shellCommand = (...words: string[]) => words.map(shellQuote).join(' ')

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'copy'
  path: string
  value?: string
  from?: string
}

/** `--patch-operations '<json>'`, the AWS CLI form that keeps every character of a value. */
export const patchOperationsArgument = (operations: PatchOperation[]) => `--patch-operations ${shellQuote(JSON.stringify(operations))}`
