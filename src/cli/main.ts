import {ExitCode} from '../lib/errors.js'
import {colorEnabled} from './ui/color.js'
import {helpFor, helpWidth, oclifPaints} from './fast-help.js'
import {loadHelpSources} from './help-sources.js'
import {colorFlag} from './report.js'

/** The CLI entry point. oclif is bundled with apigw, so startup reads a few files instead of hundreds. */
export async function main(binUrl: string): Promise<void> {
  const argv = process.argv.slice(2)
  // oclif and its plugins colour through ansis, which reads the environment when it loads (and
  // colours whenever CI is set). When apigw's rules give neither stream colour, say so before
  // loading them; apigw's own output decides per stream.
  const colorOn = (stream: NodeJS.WriteStream) => colorEnabled({flag: colorFlag(argv), env: process.env, isTTY: Boolean(stream.isTTY)})
  const paintNeither = !colorOn(process.stdout) && !colorOn(process.stderr)
  if (paintNeither) {
    process.env.NO_COLOR = '1'
    delete process.env.FORCE_COLOR
  }
  // Help is answered from the manifest without loading oclif (half of apigw's start), as bin/run.js
  // answers --version: plain, or painted where oclif would surely paint it; otherwise oclif answers.
  const painted = !paintNeither && oclifPaints(process.env, [process.stdout, process.stderr])
  if ((paintNeither || painted) && answerHelp(argv, binUrl, painted)) return
  // Ctrl-C: say so and exit 130, the documented code, rather than dying silently mid-call.
  process.once('SIGINT', () => {
    process.stderr.write('\nInterrupted.\n')
    process.exit(ExitCode.interrupted)
  })
  const {runOclif} = await import('./run-oclif.js')
  await runOclif(argv, binUrl)
}

/** Prints help for argv when it asks for help the fast path can render exactly; false leaves it to oclif. */
function answerHelp(argv: string[], binUrl: string, color: boolean): boolean {
  const text = helpFor(argv, () => loadHelpSources(binUrl, helpWidth(process.env, process.stdout), color))
  if (text === undefined) return false
  process.stdout.write(text)
  return true
}
