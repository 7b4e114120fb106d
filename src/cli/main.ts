import {readFileSync} from 'node:fs'
import {ExitCode} from '../lib/errors.js'
import {colorEnabled} from '../lib/ui/color.js'
import {colorFlag} from './report.js'

/** The CLI entry point. oclif is bundled with apigw, so startup reads a few files instead of hundreds. */
export async function main(binUrl: string): Promise<void> {
  const argv = process.argv.slice(2)
  // `apigw --version` answers without loading oclif (half of apigw's startup), in oclif's own format.
  if (argv.length === 1 && argv[0] === '--version') {
    const {version} = JSON.parse(readFileSync(new URL('../package.json', binUrl), 'utf8')) as {version: string}
    process.stdout.write(`apigw/${version} ${process.platform}-${process.arch} node-${process.version}\n`)
    return
  }
  // oclif and its plugins colour through ansis, which reads the environment when it loads (and
  // colours whenever CI is set). When apigw's rules give neither stream colour, say so before
  // loading them; apigw's own output decides per stream.
  const colorOn = (stream: NodeJS.WriteStream) => colorEnabled({flag: colorFlag(argv), env: process.env, isTTY: Boolean(stream.isTTY)})
  if (!colorOn(process.stdout) && !colorOn(process.stderr)) {
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
