/**
 * Where on a command line a name is being typed, found from the words of the line and the commands'
 * flags and arguments (the manifest): pure, so the shell scripts stay small and the same for every shell.
 */

export const NAME_KINDS = ['apis', 'stages', 'keys', 'plans'] as const
export type NameKind = (typeof NAME_KINDS)[number]

/** What a command's flags and arguments look like, as far as completion needs. */
export interface CommandShape {
  flags: Record<string, {type: 'option' | 'boolean'; char?: string}>
  /** Argument names, in order. */
  args: string[]
}

/** The names to offer, and the flags that say where to look them up. */
export interface NameRequest {
  kind: NameKind
  /** The API the line names with --api, whose stages are wanted. */
  api?: string
  /** The line's global flags that choose the AWS target (profile, region, endpoint, sandbox, TLS). */
  targetFlags: string[]
}

/** A flag or argument with one of these names takes a name of that kind … */
const KIND_BY_NAME: Record<string, NameKind> = {api: 'apis', stage: 'stages', key: 'keys', plan: 'plans'}

/** … except where a command says otherwise (undefined: not an existing name). */
const EXCEPTIONS: Record<string, Record<string, NameKind | undefined>> = {
  'stages:create': {stage: undefined},
  'stages:promote': {from: 'stages', to: 'stages'},
  // api:stage pairs, and a YAML file of rollout settings.
  'plans:create': {stage: undefined},
  'canary:run': {plan: undefined},
}

const TARGET_OPTIONS = new Set(['profile', 'region', 'endpoint-url', 'ca-bundle'])
const TARGET_SWITCHES = new Set(['sandbox', 'no-verify-ssl'])
const MAX_TOPIC_DEPTH = 3

/**
 * The names wanted where the last of `words` (the words after `apigw`, the last one being typed,
 * maybe empty) stands, or undefined where no name goes (a command, a flag, a file, a number …).
 */
export function namePosition(words: string[], commands: Record<string, CommandShape>): NameRequest | undefined {
  const typed = words.at(-1) ?? ''
  const before = words.slice(0, -1)
  if (typed.startsWith('-')) return undefined
  const idLength = [MAX_TOPIC_DEPTH, 2, 1].find((length) => length <= before.length && commands[before.slice(0, length).join(':')])
  if (!idLength) return undefined
  const id = before.slice(0, idLength).join(':')
  const command = commands[id]!
  const rest = before.slice(idLength)
  const values: Record<string, string> = {}
  const targetFlags: string[] = []
  const positionals: string[] = []
  let valueOf: string | undefined
  for (let index = 0; index < rest.length; index++) {
    const name = flagName(rest[index]!, command)
    if (name === undefined) {
      positionals.push(rest[index]!)
      continue
    }
    if (TARGET_SWITCHES.has(name)) targetFlags.push(`--${name}`)
    if (command.flags[name]?.type !== 'option') continue
    if (index === rest.length - 1) {
      valueOf = name
      break
    }
    values[name] = rest[++index]!
    if (TARGET_OPTIONS.has(name)) targetFlags.push(`--${name}`, values[name])
  }
  const kind = valueOf === undefined ? kindOf(id, command.args[positionals.length]) : kindOf(id, valueOf)
  return kind && {kind, api: values.api, targetFlags}
}

/** The flag a word names (--name or -c), or undefined for an argument. */
function flagName(word: string, command: CommandShape): string | undefined {
  if (word.startsWith('--')) return word.slice(2)
  if (!/^-\w$/.test(word)) return undefined
  return Object.entries(command.flags).find(([, flag]) => flag.char === word[1])?.[0] ?? word.slice(1)
}

function kindOf(id: string, name: string | undefined): NameKind | undefined {
  if (name === undefined) return undefined
  const exceptions = EXCEPTIONS[id] ?? {}
  return name in exceptions ? exceptions[name] : KIND_BY_NAME[name]
}
