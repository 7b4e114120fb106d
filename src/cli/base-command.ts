import type {Interfaces} from '@oclif/core'
import {Command, Errors} from './oclif/command.js'
import {AwsSession} from '../lib/aws/session.js'
import {ApigwError, ExitCode, usageError} from '../lib/errors.js'
import {colorEnabled} from '../lib/ui/color.js'
import {palette} from '../lib/ui/palette.js'
import type {OutputFormat} from '../lib/ui/formats.js'
import type {CommandResult} from '../lib/ui/output.js'
import {parseDuration} from '../lib/util/duration.js'
import {globalFlags} from './global-flags.js'

type GlobalFlags = Interfaces.InferredFlags<typeof globalFlags>

/**
 * The thin shell shared by every command: it turns global flags into plain options, writes results
 * to stdout and everything else to stderr, and maps every failure onto one error contract.
 */
export abstract class ApigwCommand extends Command {
  static baseFlags = globalFlags

  private globals?: GlobalFlags

  /** Parses the command's flags (and the global ones); call once at the start of run(). */
  protected async parseFlags<T extends typeof ApigwCommand>(command: T) {
    const parsed = await this.parse(command)
    this.globals = parsed.flags as GlobalFlags
    return parsed
  }

  protected session(): AwsSession {
    const flags = this.requireGlobals()
    return new AwsSession({
      profile: flags.profile,
      region: flags.region,
      endpointUrl: flags['endpoint-url'],
      env: process.env,
      retryBudgetMs: parseDuration(flags['retry-budget'], '--retry-budget'),
      userAgent: `apigw/${this.config.version}`,
      onDebug: flags.debug ? (line) => this.note(`[debug] ${line}`) : undefined,
      onRetry: (notice) => this.note(notice.message),
    })
  }

  protected outputFormat(): OutputFormat {
    const flags = this.globals
    if (flags?.json) return 'json'
    return flags?.output ?? 'table'
  }

  /** Writes a command's result to stdout in the chosen format. */
  protected async emit<T>(result: CommandResult<T>): Promise<void> {
    const {renderResult} = await import('../lib/ui/output.js')
    const flags = this.requireGlobals()
    const text = await renderResult(result, {
      format: this.outputFormat(),
      query: flags.query,
      color: colorEnabled({flag: flags.color, env: process.env, isTTY: Boolean(process.stdout.isTTY)}),
    })
    process.stdout.write(text)
  }

  /** Progress, warnings and notices: stderr, never stdout. */
  protected note(message: string): void {
    process.stderr.write(`${message}\n`)
  }

  protected warning(message: string): void {
    const colors = palette(this.stderrColor())
    this.note(`${colors.yellow('Warning:')} ${message}`)
  }

  async catch(error: Error & {oclif?: {exit?: number}}): Promise<void> {
    // this.exit() and oclif's own exits carry their code and need no report.
    if (error instanceof Errors.ExitError) throw error
    const failure = toReportable(error, `${this.config.bin} ${(this.id ?? '').replaceAll(':', ' ')}`)
    process.exitCode = failure.exitCode
    if (this.wantsJson()) {
      const envelope = {error: {code: failure.code, message: failure.message, suggestions: failure.suggestions, exitCode: failure.exitCode}}
      process.stdout.write(`${JSON.stringify(envelope, null, 2)}\n`)
    } else {
      const colors = palette(this.stderrColor())
      this.note(`${colors.red('Error:')} ${failure.message}`)
      for (const suggestion of failure.suggestions) this.note(suggestion)
    }
    if (this.argv.includes('--debug') && error.stack) this.note(error.stack)
  }

  /** JSON errors are wanted even when flag parsing itself failed, so read argv directly. */
  private wantsJson(): boolean {
    if (this.globals) return this.outputFormat() === 'json'
    const argv = this.argv
    return argv.includes('--json') || argv.some((arg, i) => ['-o', '--output'].includes(arg) ? argv[i + 1] === 'json' : arg === '--output=json')
  }

  private stderrColor(): boolean {
    return colorEnabled({flag: this.globals?.color ?? (this.argv.includes('--no-color') ? false : undefined), env: process.env, isTTY: Boolean(process.stderr.isTTY)})
  }

  private requireGlobals(): GlobalFlags {
    if (!this.globals) throw new Error(`${this.id} used global flags before calling parseFlags()`)
    return this.globals
  }
}

/** Every error becomes {code, message, suggestions, exitCode}; unknown ones are internal bugs (exit 70). */
function toReportable(error: Error & {oclif?: {exit?: number}}, commandLine: string): ApigwError {
  if (error instanceof ApigwError) return error
  if (error instanceof Errors.CLIError || error.oclif?.exit === ExitCode.usage) {
    // oclif wraps parse errors in boilerplate; keep just what was wrong.
    const message = error.message
      .replace(/^The following errors? occurred:\s*/, '')
      .replace(/\n\s*See more help with --help\s*$/, '')
      .trim()
    return usageError(message, [`Try: ${commandLine} --help`])
  }
  return new ApigwError(`apigw hit an internal error: ${error.message}`, {
    code: 'INTERNAL',
    exitCode: ExitCode.internal,
    suggestions: ['Try: run again with --debug and report the output at the apigw issue tracker'],
    cause: error,
  })
}
