import {ApigwCommand} from '../cli/base-command.js'
import {apiFlag} from '../cli/flags.js'
import {stateDirFrom} from '../cli/sandbox-flags.js'
import {
  cachedNames,
  COMPLETION_SHELLS,
  completionCacheDir,
  completionScript,
  completionTarget,
  listNames,
  NAME_KINDS,
  namePosition,
  type CommandShape,
  type CompletionShell,
  type NameKind,
} from '../lib/completion/index.js'
import {loadSandboxClient} from '../lib/sandbox/index.js'
import {usageError} from '../lib/errors.js'

/** A shell waits for this on every Tab: after this long, no names rather than a stuck prompt. */
const TIME_BOX_MS = 2000

export default class Complete extends ApigwCommand {
  static hidden = true
  static strict = false
  static summary = 'names for shell completion, one a line (docs/completion.md)'
  static description = [
    'apigw __complete apis|stages|keys|plans [--api <api>] [global flags]: the names of that kind (stages: of --api).',
    'apigw __complete words <word>…: the names that go where the last word of an apigw command line is typed.',
    'apigw __complete script bash|zsh: the shell functions that use it.',
    'Names are cached for 60 s; any failure prints nothing and exits 0, and nothing is ever asked.',
  ].join('\n')

  static flags = {api: apiFlag('any', {required: false})}

  protected mayPrompt(): boolean {
    return false
  }

  async run(): Promise<void> {
    const [mode, ...rest] = this.argv
    if (mode === 'script') return void process.stdout.write(completionScript(shellOf(rest[0])))
    const timeBox = setTimeout(() => process.exit(0), TIME_BOX_MS).unref()
    try {
      const names = await this.names(mode, rest)
      if (names.length > 0) process.stdout.write(`${names.join('\n')}\n`)
    } catch {
      // No names: the shell offers nothing, and prints nothing into the command line.
    } finally {
      clearTimeout(timeBox)
    }
  }

  private async names(mode: string | undefined, rest: string[]): Promise<string[]> {
    const request = mode === 'words' ? namePosition(rest, this.commandShapes()) : isKind(mode) ? {kind: mode, api: undefined, targetFlags: rest} : undefined
    if (!request) return []
    this.argv = [...request.targetFlags, ...(request.api === undefined ? [] : ['--api', request.api])]
    const {flags} = await this.parseFlags(Complete)
    const {env} = process
    const sandbox = this.sandboxMode() ? await (await loadSandboxClient()).sandboxInUse(stateDirFrom(undefined), env) : undefined
    if (this.sandboxMode() && !sandbox) return []
    const question = {kind: request.kind, api: flags.api, ...completionTarget({...flags, endpointUrl: sandbox?.info.endpoint ?? flags['endpoint-url']}, env)}
    return cachedNames(question, {dir: completionCacheDir(env), now: Date.now()}, async () =>
      listNames(sandbox ? this.sandboxSession(sandbox.info.endpoint) : await this.session(), request.kind, flags.api),
    )
  }

  /** Every command's flags and arguments, from the manifest. */
  private commandShapes(): Record<string, CommandShape> {
    return Object.fromEntries(
      this.config.commands.map((command) => [
        command.id,
        {
          flags: Object.fromEntries(Object.entries(command.flags).map(([name, flag]) => [name, {type: flag.type, char: flag.char}])),
          args: Object.keys(command.args),
        },
      ]),
    )
  }
}

function isKind(word: string | undefined): word is NameKind {
  return (NAME_KINDS as readonly string[]).includes(word ?? '')
}

function shellOf(word: string | undefined): CompletionShell {
  if ((COMPLETION_SHELLS as readonly string[]).includes(word ?? '')) return word as CompletionShell
  throw usageError(`No completion script for ${word === undefined ? 'no shell' : `"${word}"`}: apigw completes names in bash and zsh.`, [
    'Try: apigw __complete script bash, or apigw __complete script zsh',
  ])
}
