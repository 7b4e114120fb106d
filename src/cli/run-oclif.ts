import {ApigwError} from '../lib/errors.js'
import {flush, handle, run} from './oclif/startup.js'
import {reportFailure} from './report.js'

/**
 * Runs oclif for apigw installed at `root`. Commands report their own failures; this reports the
 * ones that happen before a command runs.
 */
export async function runOclif(argv: string[], root: string): Promise<void> {
  try {
    await run(argv, root)
    await flush()
  } catch (error) {
    // apigw's own errors from before a command runs: the command_not_found hook's (./not-found.ts).
    if (error instanceof ApigwError) {
      reportFailure(error, argv)
      return
    }
    await handle(error as Error)
  }
}
