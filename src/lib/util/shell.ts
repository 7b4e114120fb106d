/**
 * Commands apigw prints for an operator to run (recovery after a partial failure, undo lines) must
 * run as printed in a POSIX shell: every argument is quoted here, and AWS CLI patch operations are
 * given in JSON, because the AWS CLI's shorthand (`op=replace,path=…,value=…`) splits a value at its
 * commas.
 */

/** An argument as a POSIX shell needs it typed: quoted only when it must be. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`
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
