import {ApigwError, ExitCode} from '../../lib/errors.js'

/** Someone can answer a prompt: stdin and stderr are a terminal, and this is not CI. */
export function interactive(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY) && !process.env.CI
}

/**
 * A prompt's answer. Ctrl-C at a prompt reaches inquirer as a key, not as SIGINT: it is still an
 * interruption (exit 130, `message`), not an internal error.
 */
export async function answer<T>(prompt: Promise<T>, message = 'Interrupted: nothing was done.'): Promise<T> {
  try {
    return await prompt
  } catch (error) {
    if ((error as Error).name !== 'ExitPromptError') throw error
    throw new ApigwError(message, {code: 'INTERRUPTED', exitCode: ExitCode.interrupted})
  }
}
