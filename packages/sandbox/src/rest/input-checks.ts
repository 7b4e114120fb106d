import {validationError} from '../http.js'
import type {PatchOperation} from './patch.js'

/**
 * AWS reads an operation's input before it looks anything up: a required member missing, a value
 * outside its enum, an op outside JSON Patch or a path parameter that breaks its pattern fails the
 * call as a ValidationException naming every problem, even when the API, resource or method named
 * does not exist
 * (docs/aws-behaviour.md#input-is-checked-before-anything-is-looked-up). Each check returns its
 * problems; `checkInput` runs them all and throws them together, in AWS's order.
 */
export function checkInput(...problems: string[][]): void {
  const errors = problems.flat()
  if (errors.length > 0) throw validationError(errors)
}

/** Members the service model requires, missing (null counts as missing); `input` names the input shape, e.g. `createStageInput`. */
export const requiredProblems = (input: string, members: Record<string, unknown>): string[] =>
  Object.entries(members).flatMap(([member, value]) =>
    value === undefined || value === null ? [`Value null at '${input}.${member}' failed to satisfy constraint: Member must not be null`] : [],
  )

/** A value outside its enum (`value` null when the member is required but missing). */
export const enumProblems = (value: string | null, at: string, allowed: readonly string[]): string[] =>
  value !== null && allowed.includes(value)
    ? []
    : [`Value ${value === null ? 'null' : `'${value}'`} at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`]

const PATCH_OPS = ['add', 'remove', 'move', 'test', 'replace', 'copy']

/** Ops outside JSON Patch; `input` names the operation's input shape, e.g. `updateRestApiInput`. */
export const patchOperationProblems = (operations: PatchOperation[], input: string): string[] =>
  operations.flatMap(({op}, index) => enumProblems(op, `${input}.patchOperations.${index + 1}.member.op`, PATCH_OPS))

/** A response status code path parameter outside `[1-5]\d\d`. */
export const statusCodeProblems = (statusCode: string): string[] =>
  /^[1-5]\d\d$/.test(statusCode) ? [] : [`Value '${statusCode}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`]
