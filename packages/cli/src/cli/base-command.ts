import type {Interfaces} from '@oclif/core'
import {join} from 'node:path'
import {AwsSession, type SessionOptions} from '../lib/aws/index.js'
import {configuredOutput} from '../lib/aws/index.js'
import type {Change, ChangeDescription} from '../lib/change/index.js'
import type {ChangeIO, PreparedChange} from '../lib/change/index.js'
import {ExitCode} from '../lib/errors.js'
import {colorEnabled} from './ui/color.js'
import {interactive} from './ui/terminal.js'
import {escapeControlsKeepingLines} from '../lib/util/escape.js'
import type {OutputFormat} from '../lib/util/output-formats.js'
import type {CommandResult, TableView} from './ui/output.js'
import {formatDuration, parseDuration} from '../lib/util/duration.js'
import {capitalize, shellQuote} from '../lib/util/text.js'
import {globalFlags} from './global-flags.js'
import {Command, Errors} from './oclif/command.js'
import {fromOclifUsage, fromUnknownFlags, reportFailure, stderrPalette} from './report.js'
import {loadSandboxClient} from '../lib/sandbox/index.js'
import {loadChangeDescription, loadPreparedRunner} from '../lib/change/index.js'

/** How a sandbox started in the background runs: apigw's own daemon script, stopping when idle. */
export function sandboxDaemonDefaults(root: string, stateDir: string) {
  return {
    daemonScript: join(root, 'dist', 'sandbox', 'main.js'),
    stateDir,
    transitionDelayMs: 3000,
    idleTimeoutMs: Number(process.env.APIGW_SANDBOX_IDLE_TIMEOUT_MS) || 30 * 60_000,
  }
}

type GlobalFlags = Interfaces.InferredFlags<typeof globalFlags>

/** How a command applies its prepared change: the flags that decide it, and how its result looks. */
export interface ApplyOptions<T> {
  dryRun: boolean
  /** --confirm, for a severe change. */
  confirmFlag?: string
  /** The result as a table or text (default: the output's generic rendering). */
  view?: () => Promise<TableView<T>>
  /** Something apigw styled itself for stderr, shown after the notes and before anything runs (promote --diff). */
  preamble?: () => Promise<string | undefined>
}

/**
 * The thin shell shared by every command: it turns global flags into plain options, writes results
 * to stdout and everything else to stderr, and maps every failure onto one error contract.
 */
export abstract class ApigwCommand extends Command {
  static baseFlags = globalFlags

  private globals?: GlobalFlags
  private awsSession?: AwsSession
  private sandboxEndpoint?: Promise<string>
  private defaultOutput?: OutputFormat

  /** Parses the command's flags (and the global ones), and checks the global ones before any AWS call. */
  protected async parseFlags<T extends typeof ApigwCommand>(command: T) {
    const parsed = await this.parse(command)
    this.globals = parsed.flags as GlobalFlags
    if (this.globals.query !== undefined) (await import('./ui/query.js')).compileQuery(this.globals.query)
    // A bad AWS_DEFAULT_OUTPUT or profile output fails here, before any change is made, not when printing it.
    this.outputFormat()
    return parsed
  }

  /** The AWS session for this run, created on first use: against AWS, or the local sandbox with --sandbox. */
  protected async session(): Promise<AwsSession> {
    const flags = this.requireGlobals()
    if (this.awsSession) return this.awsSession
    if (this.sandboxMode()) return this.sandboxSession(await this.runningSandbox())
    return (this.awsSession = this.createSession({profile: flags.profile, region: flags.region, endpointUrl: flags['endpoint-url'], env: process.env}))
  }

  /** A session against the sandbox at `endpoint`: any region, any credentials. */
  protected sandboxSession(endpoint: string): AwsSession {
    return (this.awsSession ??= this.createSession(sandboxTarget(endpoint, this.requireGlobals().region)))
  }

  /**
   * A session of its own for one target of a fleet view (--profiles, --regions): that profile and
   * region, the other global flags as given. Without a profile, --sandbox still means the sandbox.
   */
  protected async targetSession(target: {profile?: string; region?: string}): Promise<AwsSession> {
    const flags = this.requireGlobals()
    if (target.profile === undefined && this.sandboxMode()) {
      return this.createSession(sandboxTarget(await (this.sandboxEndpoint ??= this.runningSandbox()), target.region ?? flags.region))
    }
    const profile = target.profile === undefined ? {profile: flags.profile} : {profile: target.profile, profileSource: '--profiles'}
    return this.createSession({...profile, region: target.region ?? flags.region, endpointUrl: flags['endpoint-url'], env: process.env})
  }

  private createSession(target: Pick<SessionOptions, 'profile' | 'profileSource' | 'region' | 'endpointUrl' | 'env' | 'staticCredentials' | 'sandbox'>): AwsSession {
    const flags = this.requireGlobals()
    return new AwsSession({
      ...target,
      retryBudgetMs: parseDuration(flags['retry-budget'], '--retry-budget'),
      network: {
        caBundle: flags['ca-bundle'],
        noVerifySsl: flags['no-verify-ssl'],
        connectTimeoutSeconds: flags['cli-connect-timeout'],
        readTimeoutSeconds: flags['cli-read-timeout'],
      },
      userAgent: `apigw/${this.config.version}`,
      onDebug: flags.debug ? (line) => this.note(`[debug] ${line}`) : undefined,
      onRetry: (notice) => this.note(notice.message),
      onWarning: (message) => this.warning(message),
      askMfaCode: this.mayPrompt() ? async (serial) => (await import('./ui/mfa-prompt.js')).askMfaCode(serial) : undefined,
    })
  }

  /** Whether this run may ask the operator something (an MFA code): on a terminal, unless the command says never. */
  protected mayPrompt(): boolean {
    return interactive()
  }

  /** --sandbox, or APIGW_SANDBOX=1 (unless --endpoint-url or --profile names another target). */
  protected sandboxMode(): boolean {
    const flags = this.requireGlobals()
    if (flags.sandbox) return true
    return /^(1|true|yes)$/i.test(process.env.APIGW_SANDBOX ?? '') && !flags['endpoint-url'] && !flags.profile
  }

  /** The endpoint of this user's sandbox (see ensureSandbox), saying so when it is not the default one. */
  private async runningSandbox(): Promise<string> {
    const {ensureSandbox} = await loadSandboxClient()
    const {stateDirFrom} = await import('./sandbox-flags.js')
    const defaults = sandboxDaemonDefaults(this.config.root, stateDirFrom(undefined))
    const {info, how} = await ensureSandbox({...defaults, env: process.env})
    if (how === 'started') {
      this.note(`Started a local sandbox on ${info.endpoint} (state in ${info.stateDir}); it stops after ${formatDuration(defaults.idleTimeoutMs)} without calls, or with: apigw sandbox stop`)
    } else if (how === 'last-started') this.note(`Using the sandbox at ${info.endpoint} (state in ${info.stateDir}).`)
    return info.endpoint
  }

  /** -o or --json, else what the AWS CLI would use (AWS_DEFAULT_OUTPUT, the profile's output), else a table. */
  protected outputFormat(): OutputFormat {
    const flags = this.requireGlobals()
    if (flags.json) return 'json'
    if (flags.output) return flags.output
    return (this.defaultOutput ??= configuredOutput({profile: flags.profile, env: process.env}) ?? 'table')
  }

  /** Writes a command's result to stdout in the chosen format. */
  protected async emit<T>(result: CommandResult<T>): Promise<void> {
    const {renderResult} = await import('./ui/output.js')
    const flags = this.requireGlobals()
    const text = await renderResult(result, {
      format: this.outputFormat(),
      query: flags.query,
      color: colorEnabled({flag: flags.color, env: process.env, isTTY: Boolean(process.stdout.isTTY)}),
    })
    process.stdout.write(text)
  }

  /**
   * The one path every change takes (docs/architecture.md, "The change model"): notes and warnings
   * on stderr; with --dry-run the change printed and nothing written; otherwise confirmed as its
   * severity requires (--yes, or --confirm <name> for severe ones; a prompt on a TTY), run with
   * progress on stderr, read back, and its result printed. Returns the result, or undefined for a
   * dry run.
   */
  protected async applyChange<T, R>(prepared: PreparedChange<T, R>, how: ApplyOptions<T>): Promise<T | undefined> {
    for (const note of prepared.notes ?? []) this.note(note)
    for (const warning of prepared.warnings ?? []) this.warning(warning)
    const preamble = await how.preamble?.()
    if (preamble !== undefined) this.noteStyled(preamble)
    if (prepared.change && how.dryRun) {
      await this.showDryRun((await loadChangeDescription()).describeChange(prepared.change), prepared.preview)
      return undefined
    }
    if (prepared.change) await this.confirmChange(prepared.change, {confirmName: prepared.confirmName, confirmFlag: how.confirmFlag})
    const {runPrepared} = await loadPreparedRunner()
    const io: ChangeIO = {note: (line) => this.note(line), warn: (message) => this.warning(message), secret: (value) => this.maskSecrets([value])}
    const result = await runPrepared(prepared, io)
    await this.emit({data: result, view: how.view})
    for (const line of prepared.nextSteps?.(result) ?? []) this.note(line)
    return result
  }

  /** What --dry-run prints: the change, each AWS call with its exact input, and what it was built from. */
  protected async showDryRun(change: ChangeDescription, preview?: Record<string, unknown>): Promise<void> {
    // "plan" is the field's name in the JSON output contract (docs/json.md), kept as it always was.
    await this.emit({data: {dryRun: true, plan: change, ...preview}, view: async () => (await import('./ui/change-view.js')).changeView})
  }

  /**
   * Confirms a change as its severity requires: --yes, or --confirm <name> for severe ones; a prompt
   * on a TTY. For applyChange, and for changes that are not one run of steps (canary run).
   */
  protected async confirmChange(change: Pick<Change, 'summary' | 'severity'>, options: {confirmName?: string; confirmFlag?: string} = {}): Promise<void> {
    // The same command line with the confirming flag, any earlier --confirm left out, quoted for a shell.
    const retry = (...flag: string[]) =>
      [this.config.bin, ...(this.id ?? '').split(':'), ...withoutFlag(this.argv, '--confirm'), ...flag].map(shellQuote).join(' ')
    if (change.severity === 'destructive') {
      const {confirmDestructive} = await import('./ui/confirm.js')
      await confirmDestructive({question: `${capitalize(change.summary)}?`, retryWithYes: retry('--yes'), yes: this.requireGlobals().yes})
    } else if (change.severity === 'severe') {
      if (options.confirmName === undefined) throw new Error(`${this.id} built a severe change without a name to confirm`)
      const {confirmByName} = await import('./ui/confirm.js')
      await confirmByName({
        question: `${capitalize(change.summary)}?`,
        name: options.confirmName,
        confirmFlag: options.confirmFlag,
        retryWithConfirm: retry('--confirm', options.confirmName),
      })
    }
  }

  /**
   * Under GitHub Actions, registers secrets (API key values) with the runner's log masking. Call it
   * before anything that could show them is printed. On stderr: the runner reads workflow commands
   * from both streams, and stdout may be a pipe (`| jq`) that would swallow the command and choke on it.
   */
  protected maskSecrets(values: string[]): void {
    if (process.env.GITHUB_ACTIONS !== 'true') return
    for (const value of values) process.stderr.write(`::add-mask::${value}\n`)
  }

  /**
   * Progress, warnings and notices: stderr, never stdout. They quote names from AWS, so control
   * characters in them are escaped (line breaks and tabs kept: apigw's own messages use them).
   */
  protected note(message: string): void {
    this.noteStyled(escapeControlsKeepingLines(message))
  }

  /** A note apigw has coloured itself, after escaping every value in it (e.g. with escapeDeep). */
  protected noteStyled(message: string): void {
    process.stderr.write(`${message}\n`)
  }

  protected warning(message: string): void {
    this.noteStyled(`${stderrPalette(this.globals?.color).yellow('Warning:')} ${escapeControlsKeepingLines(message)}`)
  }

  async catch(error: Error & {oclif?: {exit?: number}}): Promise<void> {
    // this.exit() and oclif's own exits carry their code and need no report.
    if (error instanceof Errors.ExitError) throw error
    const commandLine = `${this.config.bin} ${(this.id ?? '').replaceAll(':', ' ')}`
    const unknownFlags = (error as {flags?: unknown}).flags
    const nonExistent = error.constructor.name === 'NonExistentFlagsError' || /^Nonexistent flag/.test(error.message)
    if (error instanceof Errors.CLIError && nonExistent && Array.isArray(unknownFlags)) {
      reportFailure(fromUnknownFlags(unknownFlags, {...this.ctor.baseFlags, ...this.ctor.flags}, commandLine), this.argv)
      return
    }
    const isUsage = error instanceof Errors.CLIError || error.oclif?.exit === ExitCode.usage
    // JSON output picked by AWS_DEFAULT_OUTPUT or the profile gets its error as JSON too, as --json would.
    const argv = this.globals && !this.globals.output && this.defaultsToJson() ? [...this.argv, '--json'] : this.argv
    reportFailure(isUsage ? fromOclifUsage(error, commandLine) : error, argv)
  }

  /** Whether the configured default output is JSON; a bad configured value (itself a failure being reported) is not. */
  private defaultsToJson(): boolean {
    try {
      return this.outputFormat() === 'json'
    } catch {
      return false
    }
  }

  private requireGlobals(): GlobalFlags {
    if (!this.globals) throw new Error(`${this.id} used global flags before calling parseFlags()`)
    return this.globals
  }
}


/** argv without one flag and its value (`--flag value` or `--flag=value`). */
function withoutFlag(argv: string[], flag: string): string[] {
  return argv.filter((arg, index) => arg !== flag && !arg.startsWith(`${flag}=`) && argv[index - 1] !== flag)
}

/** The sandbox answers any region and any credentials. */
function sandboxTarget(endpoint: string, region: string | undefined) {
  return {region: region ?? 'us-east-1', endpointUrl: endpoint, env: {}, staticCredentials: {accessKeyId: 'sandbox', secretAccessKey: 'sandbox'}, sandbox: true}
}
