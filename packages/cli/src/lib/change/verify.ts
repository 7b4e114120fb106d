import {ApigwError, ExitCode} from '../errors.js'

/**
 * The read after a write. AWS's updates (PATCH) are last-writer-wins with no version or ETag to
 * compare against (docs/aws-behaviour.md#updates-are-last-writer-wins): when two operators change one resource at once, both calls
 * succeed and one change is silently gone. So every read-modify-write reads the resource back once
 * it has written, and compares what it wrote with what AWS holds; a command reports only from that
 * read, and never a value it did not write as if it had.
 */

/** One value a command wrote, beside what AWS holds now; texts as people read them. */
export interface Written {
  /** "canary percentTraffic", "throttle GET /pets". */
  what: string
  wrote: unknown
  holds: unknown
  /** How to show a value; JSON for objects, as-is otherwise, "none" for null and undefined. */
  text?(value: unknown): string
}

const defaultText = (value: unknown) => (value === null || value === undefined ? 'none' : typeof value === 'object' ? JSON.stringify(value) : String(value))

/** Equal as data: objects compared field by field whatever their key order. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const keysA = Object.keys(a as object).filter((key) => (a as Record<string, unknown>)[key] !== undefined)
  const keysB = Object.keys(b as object).filter((key) => (b as Record<string, unknown>)[key] !== undefined)
  return keysA.length === keysB.length && keysA.every((key) => sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
}

/** "canary percentTraffic: you set 25, AWS now holds 40", for each value AWS does not hold as written. */
export function mismatches(values: Written[]): string[] {
  return values
    .filter((value) => !sameData(value.wrote, value.holds))
    .map((value) => {
      const text = value.text ?? defaultText
      return `${value.what}: you set ${text(value.wrote)}, AWS now holds ${text(value.holds)}`
    })
}

export interface VerifyOptions {
  /** 'Stage "prod" of REST API "shop" (a1b2c3d4e5)': what was written to. */
  subject: string
  /** The command that shows the resource now, e.g. 'apigw canary status --api … --stage …'. */
  look: string
}

/**
 * Throws CHANGED_MEANWHILE (exit 5) when AWS does not hold every value as this command wrote it:
 * another change landed between the write and the read back. Nothing is undone (the other change
 * is as legitimate as this one); the operator looks, then runs the command again if it still applies.
 */
export function requireWritten(values: Written[], options: VerifyOptions): void {
  const differing = mismatches(values)
  if (differing.length === 0) return
  throw new ApigwError(`${options.subject} is not as this command left it: ${differing.join('; ')} — another change landed meanwhile.`, {
    code: 'CHANGED_MEANWHILE',
    exitCode: ExitCode.conflict,
    suggestions: [`Try: ${options.look}, to see what it holds now; then run this command again if its change still applies`],
  })
}
