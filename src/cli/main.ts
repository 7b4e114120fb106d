import {ExitCode} from '../lib/errors.js'
import {colorEnabled} from '../lib/ui/color.js'

/** The CLI entry point. oclif is bundled with apigw, so startup reads a few files instead of hundreds. */
export async function main(binUrl: string): Promise<void> {
  const argv = process.argv.slice(2)
  // apigw supports Node >=20.19 with the SDK versions it pins; the SDK's own Node 22 notice would
  // otherwise appear on stderr in every operator's terminal and CI log.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  // oclif and its plugins colour through ansis, which reads the environment when it loads (and
  // colours whenever CI is set). Decide once, by apigw's rules, before loading them.
  const isTTY = Boolean(process.stdout.isTTY && process.stderr.isTTY)
  if (!colorEnabled({flag: argv.includes('--no-color') ? false : undefined, env: process.env, isTTY})) {
    process.env.NO_COLOR = '1'
    delete process.env.FORCE_COLOR
  }
  // Ctrl-C: say so and exit 130, the documented code, rather than dying silently mid-call.
  process.once('SIGINT', () => {
    process.stderr.write('\nInterrupted.\n')
    process.exit(ExitCode.interrupted)
  })
  const {runOclif} = await import('./run-oclif.js')
  await runOclif(argv, binUrl)
}
