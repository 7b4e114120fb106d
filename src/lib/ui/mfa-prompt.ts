import {input} from '@inquirer/prompts'
import {ApigwError, ExitCode} from '../errors.js'
import {escapeControls} from '../util/escape.js'

/** Asks for an MFA code on stderr, as the AWS CLI does. Only where someone can answer (terminal.ts). */
export async function askMfaCode(mfaSerial: string): Promise<string> {
  try {
    const code = await input(
      {
        message: escapeControls(`Enter MFA code for ${mfaSerial}:`),
        validate: (value) => /^\d{6}$/.test(value.trim()) || 'An MFA code is 6 digits',
      },
      {output: process.stderr},
    )
    return code.trim()
  } catch (error) {
    // Ctrl-C at the prompt reaches inquirer as a key, not as SIGINT: it is still an interruption (130).
    if ((error as Error).name !== 'ExitPromptError') throw error
    throw new ApigwError('Interrupted: no MFA code was given, so nothing was done.', {code: 'INTERRUPTED', exitCode: ExitCode.interrupted})
  }
}
