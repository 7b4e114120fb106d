import {input} from '@inquirer/prompts'
import {escapeControls} from '../../lib/util/escape.js'
import {answer} from './terminal.js'

/** Asks for an MFA code on stderr, as the AWS CLI does. Only where someone can answer (terminal.ts). */
export async function askMfaCode(mfaSerial: string): Promise<string> {
  const code = await answer(
    input(
      {
        message: escapeControls(`Enter MFA code for ${mfaSerial}:`),
        validate: (value) => /^\d{6}$/.test(value.trim()) || 'An MFA code is 6 digits',
      },
      {output: process.stderr},
    ),
    'Interrupted: no MFA code was given, so nothing was done.',
  )
  return code.trim()
}
