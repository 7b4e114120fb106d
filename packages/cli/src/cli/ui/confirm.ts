import {confirm, input} from '@inquirer/prompts'
import {ApigwError, ExitCode, usageError} from '../../lib/errors.js'
import {escapeControls} from '../../lib/util/escape.js'
import {shellQuote} from '../../lib/util/text.js'
import {answer, interactive} from './terminal.js'

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
  if (!interactive()) {
    throw usageError(`${options.question} This needs confirmation, and there is no terminal to ask on.`, [`Try: ${options.retryWithYes}`], 'CONFIRMATION_REQUIRED')
  }
  const yes = await answer(confirm({message: escapeControls(options.question), default: false}, {output: process.stderr}))
  if (!yes) throw new ApigwError('Cancelled; nothing was changed.', {code: 'CANCELLED', exitCode: ExitCode.negative})
}

export interface ConfirmByNameOptions {
  /** What will happen: 'Delete REST API "shop" (a1b2c3d4e5), its 2 stages and 5 deployments?' */
  question: string
  /** The name the operator must type, or pass as --confirm. */
  name: string
  /** The value of --confirm, if given. */
  confirmFlag?: string
  /** The same command with --confirm <name>, for the error shown where no one can type. */
  retryWithConfirm: string
}

/**
 * Severe changes (deleting an API) go ahead only when the operator names what is being destroyed:
 * --confirm <name>, or typing the name at a terminal. --yes is not enough, and CI never gets a yes.
 */
export async function confirmByName(options: ConfirmByNameOptions): Promise<void> {
  if (options.confirmFlag !== undefined) {
    if (options.confirmFlag === options.name) return
    throw usageError(`--confirm "${options.confirmFlag}" does not match "${options.name}"; nothing was changed.`, [`Try: ${options.retryWithConfirm}`], 'CONFIRMATION_MISMATCH')
  }
  if (!interactive()) {
    throw usageError(`${options.question} This needs --confirm ${shellQuote(options.name)}, and there is no terminal to ask on.`, [`Try: ${options.retryWithConfirm}`], 'CONFIRMATION_REQUIRED')
  }
  // The prompt shows names from AWS on the terminal: escaped, like every other output.
  const typed = await answer(input({message: escapeControls(`${options.question} Type "${options.name}" to confirm:`)}, {output: process.stderr}))
  if (typed !== options.name) throw new ApigwError('The name did not match; nothing was changed.', {code: 'CANCELLED', exitCode: ExitCode.negative})
}
