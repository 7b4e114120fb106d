import {flush, handle, run} from './oclif/startup.js'
import {ExitCode} from '../lib/errors.js'

/** Runs oclif; an unknown command is a usage error (exit 2), not plugin-not-found's 127. */
export async function runOclif(argv: string[], binUrl: string): Promise<void> {
  try {
    await run(argv, binUrl)
    await flush()
  } catch (error) {
    const exit = (error as {oclif?: {exit?: number}}).oclif
    if (exit?.exit === 127) exit.exit = ExitCode.usage
    await handle(error as Error)
  }
}
