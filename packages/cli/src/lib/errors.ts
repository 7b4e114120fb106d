/** apigw's documented exit codes (docs/exit-codes.md). Scripts depend on them: never renumber. */
export const ExitCode = {
  ok: 0,
  negative: 1,
  usage: 2,
  config: 3,
  notFound: 4,
  conflict: 5,
  unavailable: 6,
  timeout: 7,
  partial: 8,
  aws: 9,
  internal: 70,
  interrupted: 130,
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

export interface ApigwErrorOptions {
  /** Stable machine-readable code, e.g. API_NOT_FOUND. Part of the JSON error contract. */
  code: string
  exitCode: ExitCodeValue
  suggestions?: string[]
  cause?: unknown
  /**
   * Running the command again cannot help until the operator changes something (a definition, a
   * setting): a change that fails part-way on such an error offers its suggestions, not a re-run.
   */
  fixFirst?: boolean
}

/** Every failure apigw reports on purpose. Anything else reaching the CLI is an internal error (exit 70). */
export class ApigwError extends Error {
  readonly code: string
  readonly exitCode: ExitCodeValue
  readonly suggestions: string[]
  readonly fixFirst: boolean

  constructor(message: string, options: ApigwErrorOptions) {
    super(message, {cause: options.cause})
    this.name = 'ApigwError'
    this.code = options.code
    this.exitCode = options.exitCode
    this.suggestions = options.suggestions ?? []
    this.fixFirst = options.fixFirst ?? false
  }
}

export function usageError(message: string, suggestions: string[] = [], code = 'USAGE'): ApigwError {
  return new ApigwError(message, {code, exitCode: ExitCode.usage, suggestions})
}

/** For `.catch()` on a lookup: "not found" becomes undefined, so the caller can say what there is instead. */
export function unlessNotFound(error: unknown): undefined {
  if (error instanceof ApigwError && error.exitCode === ExitCode.notFound) return undefined
  throw error
}
