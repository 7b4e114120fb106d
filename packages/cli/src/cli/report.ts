import {ApigwError, ExitCode, usageError} from '../lib/errors.js'
import {colorEnabled} from './ui/color.js'
import {escapeControlsKeepingLines, toSafeJson} from '../lib/util/escape.js'
import {palette} from './ui/palette.js'
import {closestMatches} from '../lib/util/text.js'

/**
 * The one way apigw reports a failure: `{"error": …}` on stdout under JSON output, otherwise
 * "Error: …" and the suggestions on stderr; the exit code is the error's.
 */
export function reportFailure(error: Error, argv: string[]): void {
  const failure = error instanceof ApigwError ? error : internalError(error)
  process.exitCode = failure.exitCode
  if (wantsJson(argv)) {
    const {code, message, suggestions, exitCode} = failure
    process.stdout.write(`${toSafeJson({error: {code, message, suggestions, exitCode}})}\n`)
  } else {
    const colors = stderrPalette(colorFlag(argv))
    // Messages quote names from AWS: their control characters are shown escaped, not run by the terminal.
    process.stderr.write(`${colors.red('Error:')} ${escapeControlsKeepingLines(failure.message)}\n`)
    for (const suggestion of failure.suggestions) process.stderr.write(`${escapeControlsKeepingLines(suggestion)}\n`)
  }
  if (argv.includes('--debug')) {
    for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) process.stderr.write(`${escapeControlsKeepingLines(String(cause.stack))}\n`)
  }
}

/** oclif's parse errors, as apigw usage errors that point at the command's help. */
export function fromOclifUsage(error: Error, commandLine: string): ApigwError {
  // oclif wraps parse errors in boilerplate; keep just what was wrong.
  const message = error.message
    .replace(/^The following errors? occurred:\s*/, '')
    .replace(/\n\s*See more help with --help\s*$/, '')
    // oclif names a missing flag bare ("Missing required flag stage"): as typed, it is --stage.
    .replace(/^Missing required flag ([\w-]+)$/gm, 'Missing required flag --$1')
    .trim()
  return usageError(message, [`Try: ${commandLine} --help`])
}

/** What a command's flags look like to oclif: enough to suggest the ones a mistyped flag meant. */
export type FlagDefinitions = Record<string, {hidden?: boolean; allowNo?: boolean}>

/**
 * oclif's "Nonexistent flag" error as apigw reports a mistyped command: the nearest flags of the
 * command by edit distance ("Did you mean --stage?"), then its help.
 */
export function fromUnknownFlags(flags: string[], definitions: FlagDefinitions, commandLine: string): ApigwError {
  const known = Object.entries(definitions)
    .filter(([, definition]) => !definition.hidden)
    .flatMap(([name, definition]) => (definition.allowNo ? [name, `no-${name}`] : [name]))
  const hints = flags.flatMap((flag) => {
    const close = closestMatches(flag.replace(/^-+/, '').split('=')[0], known).map((name) => `--${name}`)
    if (close.length === 0) return []
    const options = close.length === 1 ? close[0] : `${close.slice(0, -1).join(', ')} or ${close.at(-1)}`
    return [flags.length === 1 ? `Did you mean ${options}?` : `For ${flag}: did you mean ${options}?`]
  })
  const message = `Unknown flag${flags.length === 1 ? '' : 's'}: ${flags.join(', ')}.`
  return usageError(message, [...hints, `Try: ${commandLine} --help`], 'UNKNOWN_FLAG')
}

function internalError(error: Error): ApigwError {
  return new ApigwError(`apigw hit an internal error: ${error.message}`, {
    code: 'INTERNAL',
    exitCode: ExitCode.internal,
    suggestions: ['Try: run again with --debug and report the output at the apigw issue tracker'],
    cause: error,
  })
}

/** Read from argv, not parsed flags: the failure may be that the flags did not parse. */
function wantsJson(argv: string[]): boolean {
  return argv.some((arg, i) => arg === '--json' || arg === '--output=json' || arg === '-ojson' || arg === '-o=json' || (['-o', '--output'].includes(arg) && argv[i + 1] === 'json'))
}

/** Colours for messages on stderr, by apigw's colour rules. */
export function stderrPalette(flag: boolean | undefined) {
  return palette(colorEnabled({flag, env: process.env, isTTY: Boolean(process.stderr.isTTY)}))
}

/** --color / --no-color as a tri-state: undefined when neither was given. */
export function colorFlag(argv: string[]): boolean | undefined {
  if (argv.includes('--no-color')) return false
  return argv.includes('--color') ? true : undefined
}
