import {fstatSync, statSync, writeSync} from 'node:fs'
import {devNull} from 'node:os'
import {ExitCode} from '../lib/errors.js'
import {colorEnabled} from './ui/color.js'
import {helpFor, helpWidth, oclifPaints} from './fast-help.js'
import {loadHelpSources} from './help-sources.js'
import {colorFlag} from './report.js'

/**
 * The CLI entry point, for apigw installed at `root` (the folder of its package.json). oclif is
 * bundled with apigw, so startup reads a few files instead of hundreds.
 */
export async function main(root: string): Promise<void> {
  const argv = process.argv.slice(2)
  // oclif and its plugins colour through ansis, which reads the environment when it loads (and
  // colours whenever CI is set). When apigw's rules give neither stream colour, say so before
  // loading them; apigw's own output decides per stream.
  const terminals = [{isTTY: isTerminal(1)}, {isTTY: isTerminal(2)}]
  const colorOn = ({isTTY}: {isTTY: boolean}) => colorEnabled({flag: colorFlag(argv), env: process.env, isTTY})
  const paintNeither = !terminals.some(colorOn)
  if (paintNeither) {
    process.env.NO_COLOR = '1'
    delete process.env.FORCE_COLOR
  }
  // Help is answered from the manifest without loading oclif (half of apigw's start), as bin/run.js
  // answers --version: plain, or painted where oclif would surely paint it; otherwise oclif answers.
  const painted = !paintNeither && oclifPaints(process.env, terminals)
  if ((paintNeither || painted) && answerHelp(argv, root, painted, terminals[0]!.isTTY)) return
  // Ctrl-C: say so and exit 130, the documented code, rather than dying silently mid-call.
  process.once('SIGINT', () => {
    process.stderr.write('\nInterrupted.\n')
    process.exit(ExitCode.interrupted)
  })
  // A reader that has gone (`apigw keys create 2>&1 | head -3`) is not a failure of the command: what
  // it did stands, and its exit code says so, not Node's crash on the broken pipe.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', ignoreBrokenPipe)
  const {runOclif} = await import('./run-oclif.js')
  await runOclif(argv, root)
}

function ignoreBrokenPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error
}

/** Prints help for argv when it asks for help the fast path can render exactly; false leaves it to oclif. */
function answerHelp(argv: string[], root: string, color: boolean, onTerminal: boolean): boolean {
  const stdout = onTerminal ? process.stdout : {isTTY: false}
  const text = helpFor(argv, () => loadHelpSources(root, helpWidth(process.env, stdout), color))
  if (text === undefined) return false
  writeStdout(text)
  return true
}

/**
 * Whether a file descriptor is a terminal, asked without process.stdout or node:tty where possible:
 * either loads Node's net and stream modules, a fifth of a help's time. Only a character device can
 * be a terminal, and /dev/null (where benchmarks send output) is not one.
 */
function isTerminal(fd: number): boolean {
  try {
    const stats = fstatSync(fd)
    if (!stats.isCharacterDevice() || stats.rdev === statSync(devNull).rdev) return false
  } catch {
    return false
  }
  return process.getBuiltinModule('node:tty').isatty(fd)
}

/**
 * Writes to fd 1 directly (see isTerminal for why). A descriptor that would block (a
 * non-blocking pipe that is full) gets the rest through process.stdout, which waits for it; a reader
 * that has gone (`apigw --help | head`) gets nothing more.
 */
function writeStdout(text: string): void {
  const bytes = Buffer.from(text)
  let written = 0
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written)
  } catch (error) {
    const {code} = error as NodeJS.ErrnoException
    if (code === 'EAGAIN') process.stdout.write(bytes.subarray(written))
    else if (code !== 'EPIPE') throw error
  }
}
