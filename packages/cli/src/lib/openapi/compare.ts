import {byCodePoint} from '../util/text.js'
import type {FieldValue, NormalizedApi} from './normalize.js'

export interface FieldChange {
  field: string
  /** The value in the file; null where the file does not set it. */
  file: FieldValue | null
  /** The value AWS has; null where AWS does not set it. */
  aws: FieldValue | null
}

export interface OperationChange {
  operation: string
  changes: FieldChange[]
}

/** The stable JSON core of `apis diff` (docs/json.md). Operations are sorted by path, then method. */
export interface DefinitionDiff {
  equal: boolean
  /** In the file, not in AWS: importing the file would add them. */
  added: string[]
  /** In AWS, not in the file. */
  removed: string[]
  changed: OperationChange[]
}

/** Compares two normalised definitions operation by operation, by name: linear in their size. */
export function compareDefinitions(file: NormalizedApi, aws: NormalizedApi): DefinitionDiff {
  const added = [...file.keys()].filter((name) => !aws.has(name))
  const removed = [...aws.keys()].filter((name) => !file.has(name))
  const changed: OperationChange[] = []
  for (const [operation, fileFields] of file) {
    const awsFields = aws.get(operation)
    if (!awsFields) continue
    const changes = [...new Set([...Object.keys(fileFields), ...Object.keys(awsFields)])]
      .filter((field) => fileFields[field] !== awsFields[field])
      .sort(byCodePoint)
      .map((field) => ({field, file: fileFields[field] ?? null, aws: awsFields[field] ?? null}))
    if (changes.length > 0) changed.push({operation, changes})
  }
  return {
    equal: added.length === 0 && removed.length === 0 && changed.length === 0,
    added: added.sort(byOperation),
    removed: removed.sort(byOperation),
    changed: changed.sort((a, b) => byOperation(a.operation, b.operation)),
  }
}

/** "GET /pets" before "POST /pets" before "GET /pets/{id}": by path, then method. */
export function byOperation(a: string, b: string): number {
  const [methodA, pathA = methodA] = a.split(' ', 2)
  const [methodB, pathB = methodB] = b.split(' ', 2)
  return byCodePoint(pathA, pathB) || byCodePoint(methodA, methodB)
}
