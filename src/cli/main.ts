import {flush, handle, run} from '@oclif/core'
import {ExitCode} from '../lib/errors.js'

/**
 * The CLI entry point, bundled together with oclif so that startup reads one file instead of
 * hundreds. An unknown command is a usage error (exit 2), not plugin-not-found's 127.
 */
export async function main(binUrl: string): Promise<void> {
  // apigw supports Node >=20.19 with the SDK versions it pins; the SDK's own Node 22 notice would
  // otherwise appear on stderr in every operator's terminal and CI log.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  try {
    await run(process.argv.slice(2), binUrl)
    await flush()
  } catch (error) {
    const exit = (error as {oclif?: {exit?: number}}).oclif
    if (exit?.exit === 127) exit.exit = ExitCode.usage
    await handle(error as Error)
  }
}
