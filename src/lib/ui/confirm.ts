import {confirm} from '@inquirer/prompts'
import {ApigwError, ExitCode, usageError} from '../errors.js'

export interface ConfirmOptions {
  /** What will happen, as a question: "Delete every API, key and metric in the sandbox?" */
  question: string
  /** The same command with --yes, for the error shown where no one can answer. */
  retryWithYes: string
  yes: boolean
}

/**
 * Destructive changes go ahead with --yes, or after a "yes" typed at a terminal. Where no one can
 * answer (no TTY, or CI), apigw never assumes yes: it stops and says how to confirm.
 */
export async function confirmDestructive(options: ConfirmOptions): Promise<void> {
  if (options.yes) return
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY) && !process.env.CI
  if (!interactive) {
    throw usageError(`${options.question} This needs confirmation, and there is no terminal to ask on.`, [`Try: ${options.retryWithYes}`], 'CONFIRMATION_REQUIRED')
  }
  const answer = await confirm({message: options.question, default: false}, {output: process.stderr})
  if (!answer) throw new ApigwError('Cancelled; nothing was changed.', {code: 'CANCELLED', exitCode: ExitCode.negative})
}
