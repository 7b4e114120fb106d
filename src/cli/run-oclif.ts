import {usageError} from '../lib/errors.js'
import {flush, handle, run} from './oclif/startup.js'
import {reportFailure} from './report.js'

/** Runs oclif. Commands report their own failures; this reports the ones that happen before a command runs. */
export async function runOclif(argv: string[], binUrl: string): Promise<void> {
  try {
    await run(argv, binUrl)
    await flush()
  } catch (error) {
    const exit = (error as {oclif?: {exit?: number}}).oclif?.exit
    // plugin-not-found has already said which command is unknown; its exit code 127 becomes apigw's usage error.
    if (exit === 127) {
      const helpCommand = /Run (.+?) for a list/.exec((error as Error).message)?.[1] ?? 'apigw help'
      reportFailure(usageError('Unknown command.', [`Try: ${helpCommand} (lists the available commands)`], 'UNKNOWN_COMMAND'), argv)
      return
    }
    await handle(error as Error)
  }
}
