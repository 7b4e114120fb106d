import type {Interfaces} from '@oclif/core'
import {AwsSession} from '../lib/aws/session.js'
import {ExitCode} from '../lib/errors.js'
import {colorEnabled} from '../lib/ui/color.js'
import type {OutputFormat} from '../lib/ui/formats.js'
import type {CommandResult} from '../lib/ui/output.js'
import {parseDuration} from '../lib/util/duration.js'
import {globalFlags} from './global-flags.js'
import {Command, Errors} from './oclif/command.js'
import {fromOclifUsage, reportFailure, stderrPalette} from './report.js'

type GlobalFlags = Interfaces.InferredFlags<typeof globalFlags>

/**
 * The thin shell shared by every command: it turns global flags into plain options, writes results
 * to stdout and everything else to stderr, and maps every failure onto one error contract.
 */
export abstract class ApigwCommand extends Command {
  static baseFlags = globalFlags

  private globals?: GlobalFlags
  private awsSession?: AwsSession

  /** Parses the command's flags (and the global ones), and checks the global ones before any AWS call. */
  protected async parseFlags<T extends typeof ApigwCommand>(command: T) {
    const parsed = await this.parse(command)
    this.globals = parsed.flags as GlobalFlags
    if (this.globals.query !== undefined) (await import('../lib/ui/query.js')).compileQuery(this.globals.query)
    return parsed
  }

  /** The AWS session for this run, created on first use. */
  protected session(): AwsSession {
    const flags = this.requireGlobals()
    this.awsSession ??= new AwsSession({
      profile: flags.profile,
      region: flags.region,
      endpointUrl: flags['endpoint-url'],
      env: process.env,
      retryBudgetMs: parseDuration(flags['retry-budget'], '--retry-budget'),
      userAgent: `apigw/${this.config.version}`,
      onDebug: flags.debug ? (line) => this.note(`[debug] ${line}`) : undefined,
      onRetry: (notice) => this.note(notice.message),
      onWarning: (message) => this.warning(message),
    })
    return this.awsSession
  }

  protected outputFormat(): OutputFormat {
    const flags = this.requireGlobals()
    return flags.json ? 'json' : (flags.output ?? 'table')
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
    this.note(`${stderrPalette(this.globals?.color).yellow('Warning:')} ${message}`)
  }

  async catch(error: Error & {oclif?: {exit?: number}}): Promise<void> {
    // this.exit() and oclif's own exits carry their code and need no report.
    if (error instanceof Errors.ExitError) throw error
    const isUsage = error instanceof Errors.CLIError || error.oclif?.exit === ExitCode.usage
    reportFailure(isUsage ? fromOclifUsage(error, `${this.config.bin} ${(this.id ?? '').replaceAll(':', ' ')}`) : error, this.argv)
  }

  private requireGlobals(): GlobalFlags {
    if (!this.globals) throw new Error(`${this.id} used global flags before calling parseFlags()`)
    return this.globals
  }
}
