import type {Change} from './change.js'
import {runChange, type ChangeRun} from './runner.js'

/**
 * How a change talks while it runs: lines for stderr, never stdout (the command decides where they
 * go), and the secrets it hands out, to be masked before anything could print them.
 */
export interface ChangeIO {
  note(line: string): void
  warn(message: string): void
  secret(value: string): void
}

/**
 * Every command that changes AWS prepares one of these, and the base command applies it the same
 * way (docs/architecture.md, "The change model"): notes and warnings; with --dry-run the change
 * printed and nothing called; otherwise confirmed as its severity requires, run, read back, printed.
 * `R` is what the run hands to `result`: the steps' outcomes, unless the change runs itself.
 */
export interface PreparedChange<T, R = ChangeRun> {
  /** The AWS calls, in order; undefined when there is nothing to change (the result is still printed). */
  change?: Change
  /** Worth saying before anything runs (stderr). */
  notes?: string[]
  /** Worth a warning before the confirmation: what the change costs, what it cuts off (stderr). */
  warnings?: string[]
  /** For a severe change: the name the operator types, or passes as --confirm. */
  confirmName?: string
  /** Added to the dry run's JSON beside the change (e.g. promote --diff's comparison). */
  preview?: Record<string, unknown>
  /** A change that runs itself rather than step by step (a key rotation, which resumes by its tags). */
  run?(io: ChangeIO): Promise<R>
  /** Worth saying once it ran, before the result, e.g. how to undo it (stderr). */
  afterwards?: string[]
  /**
   * The result to print, once the change ran: the resource read back, which must hold what was
   * written (CHANGED_MEANWHILE, exit 5, otherwise; verify.ts), and any wait the command asked for.
   */
  result(run: R, io: ChangeIO): T | Promise<T>
  /** Worth saying after the result, e.g. what to do next (stderr). */
  nextSteps?(result: T): string[]
}

/** A run of no steps: what `result` gets for a prepared change with nothing to change. */
export const NOTHING_RUN: ChangeRun = {change: {summary: 'change nothing', severity: 'safe', steps: []}, outcomes: [], results: []}

/** Talks to no one: for programs that drive the library themselves (bench/soak.ts, tests). */
export const QUIET: ChangeIO = {note: () => {}, warn: () => {}, secret: () => {}}

/**
 * Runs a prepared change, once confirmed (its dry run and its confirmation are the caller's): its
 * steps, or its own run; what to say afterwards; then its result, read back.
 */
export async function runPrepared<T, R>(prepared: PreparedChange<T, R>, io: ChangeIO): Promise<T> {
  let run = NOTHING_RUN as R
  if (prepared.change) run = prepared.run ? await prepared.run(io) : ((await runChange(prepared.change, {onProgress: io.note})) as R)
  for (const line of prepared.afterwards ?? []) io.note(line)
  return prepared.result(run, io)
}
