// Help answered from oclif.manifest.json without loading oclif (see docs/speed.md). It renders
// root, topic and command help the way oclif's help class lays it out (sections, two-column lists,
// docopt usage, wrapping at the terminal width); test/integration/fast-help.test.ts compares it with
// oclif's own output for every command and topic. Whatever it cannot render exactly (templates other
// than the bin and command id, aliases, deprecations, dynamic help, wide characters) it declines,
// and oclif answers.

import {CommandSections} from './help-command.js'
import {checkNarrow, compact, compareKeys, decline, Decline, indent, STYLE, styledWidth, textWidth, wrapText} from './help-text.js'

export interface ManifestFlag {
  name: string
  type: 'boolean' | 'option'
  char?: string
  summary?: string
  description?: string
  helpGroup?: string
  helpLabel?: string
  helpValue?: string | string[]
  hidden?: boolean
  required?: boolean
  options?: string[]
  default?: unknown
  env?: string
  allowNo?: boolean
  multiple?: boolean
  exclusive?: string[]
  dependsOn?: string[]
  combinable?: string[]
}

export interface ManifestArg {
  name: string
  description?: string
  required?: boolean
  hidden?: boolean
  multiple?: boolean
  default?: unknown
  options?: string[]
}

export interface ManifestCommand {
  id: string
  summary?: string
  description?: string
  hidden?: boolean
  strict?: boolean
  aliases?: string[]
  hiddenAliases?: string[]
  usage?: unknown
  state?: string
  deprecationOptions?: unknown
  deprecateAliases?: boolean
  hasDynamicHelp?: boolean
  examples?: unknown
  flags?: Record<string, ManifestFlag>
  args?: Record<string, ManifestArg>
}

/** What help is made of: package.json's oclif settings and the commands of apigw and its plugins. */
export interface HelpSources {
  bin: string
  /** package.json's oclif.description or description. */
  description: string
  /** `apigw/<version> <platform>-<arch> node-<version>`, as `--version` prints it. */
  userAgent: string
  topics: Record<string, {description?: string; hidden?: boolean; subtopics?: unknown}>
  /** apigw's commands first, then each plugin's, in manifest order (topics take the first description). */
  commands: ManifestCommand[]
  /** Columns to wrap at (see helpWidth). */
  width: number
  /** Whether oclif would paint (see oclifPaints): bold headers, underlined flag values. */
  color: boolean
}

/** oclif's rule: OCLIF_COLUMNS, else the terminal's width (at least 40) on a TTY, else 80. */
export function helpWidth(env: NodeJS.ProcessEnv, stdout: {isTTY?: boolean; getWindowSize?: () => number[]}): number {
  const columns = Number.parseInt(env.OCLIF_COLUMNS ?? '', 10)
  if (columns) return columns
  if (!stdout.isTTY || !stdout.getWindowSize) return 80
  const [width] = stdout.getWindowSize()
  return width < 1 ? 80 : Math.max(width, 40)
}

/**
 * The help oclif would print for argv, or undefined when argv does not ask for help or the fast path
 * cannot match oclif exactly. `sources` is called only when argv asks for help.
 */
export function helpFor(argv: string[], sources: () => HelpSources | undefined): string | undefined {
  const subject = helpSubject(argv)
  if (!subject) return undefined
  const loaded = sources()
  // Words with no help flag only ask for help when they name a topic (`apigw apis`).
  const asked = argv.length === 0 || argv.includes('--help') || argv[0] === 'help'
  return loaded && renderHelp(loaded, subject, !asked)
}

/**
 * Whether oclif would paint help: where both streams are terminals that its colour detection
 * (supports-color, then ansis) recognises beyond doubt and nothing in the environment forces colour
 * either way. Anything else (a CI variable, an unknown TERM, FORCE_COLOR) declines.
 */
export function oclifPaints(env: NodeJS.ProcessEnv, streams: {isTTY?: boolean}[]): boolean {
  if (!streams.every((stream) => stream.isTTY)) return false
  if (env.NO_COLOR !== undefined || env.FORCE_COLOR !== undefined || 'CI' in env) return false
  return /^(xterm|screen|tmux|vt100|vt220|rxvt|linux)|-256(color)?$/i.test(env.TERM ?? '')
}

/**
 * The argv forms that ask for help, as oclif reads them: nothing, `--help`/`help` (root),
 * `<words> --help`, `help <words>`, or the words of a topic alone. Returns the subject's words
 * (empty for the root), or undefined when argv is something else.
 */
function helpSubject(argv: string[]): string[] | undefined {
  if (argv.length === 0) return []
  // oclif skips further `help` words (`apigw help help` is the root's help): left to oclif.
  const words = (list: string[]) => (list.every((arg) => /^[a-z0-9][\w-]*$/i.test(arg) && arg !== 'help') ? list : undefined)
  if (argv[0] === 'help' || argv[0] === '--help') return words(argv.slice(1))
  if (argv.at(-1) === '--help') return words(argv.slice(0, -1))
  return words(argv)
}

/**
 * The help oclif would print for `subject` (words from helpSubject), or undefined when it cannot
 * be matched exactly. `topicOnly`: argv had no help flag, so only a topic's help is an answer
 * (the words of a command run it).
 */
function renderHelp(sources: HelpSources, subject: string[], topicOnly = false): string | undefined {
  try {
    const help = new HelpRenderer(sources)
    if (subject.length === 0) return help.root()
    const id = subject.join(':')
    const command = help.commands.find((c) => c.id === id)
    if (command) return topicOnly ? undefined : help.command(command)
    const topic = help.topics.find((t) => t.name === id)
    return topic ? help.topic(topic) : undefined
  } catch (error) {
    if (error instanceof Decline) return undefined
    throw error
  }
}

interface Topic {
  name: string
  description?: string
  hidden?: boolean
}

export type Row = [left: string, right: string | undefined]

export class HelpRenderer {
  readonly commands: ManifestCommand[]
  /** Topics that have something under them, sorted, as oclif lists them. */
  readonly topics: Topic[]
  readonly width: number
  private readonly bin: string

  constructor(private readonly sources: HelpSources) {
    this.width = sources.width
    this.bin = sources.bin
    this.commands = sortedUnique(
      sources.commands.filter((c) => !c.hidden),
      (c) => c.id,
    )
    const topics = allTopics(sources)
    // oclif keeps a topic when some topic's name contains its name and a colon, anywhere in it.
    const names = topics.map((t) => t.name).join('\n')
    this.topics = sortedUnique(
      topics.filter((t) => !t.hidden && names.includes(`${t.name}:`)),
      (t) => t.name,
    )
  }

  root(): string {
    const [summary, ...rest] = this.sources.description.split('\n')
    const head = compact([
      summary,
      this.section('VERSION', this.wrap(this.sources.userAgent)),
      this.section('USAGE', this.wrap(`$ ${this.bin} [COMMAND]`)),
      rest.join('\n') && this.section('DESCRIPTION', this.wrap(rest.join('\n'))),
    ]).join('\n\n')
    return this.joinParts([
      head,
      this.topicList(this.topics.filter((t) => !t.name.includes(':'))),
      this.commandList(this.commands.filter((c) => c.id && !c.id.includes(':'))),
    ])
  }

  topic(topic: Topic): string {
    const lines = this.render(topic.description ?? '').split('\n')
    const rest = lines.slice(1).join('\n')
    const head = compact([
      lines[0],
      this.section('USAGE', `$ ${this.bin} ${spaced(topic.name)} COMMAND`),
      rest && this.section('DESCRIPTION', this.wrap(rest)),
    ]).join('\n\n')
    return head + '\n\n' + this.children(topic.name)
  }

  command(command: ManifestCommand): string {
    if (command.aliases?.length || command.hiddenAliases?.length || command.state || command.deprecationOptions || command.hasDynamicHelp) {
      decline('aliases, state, deprecation and dynamic help are left to oclif')
    }
    if (command.usage !== undefined) decline('custom usage is left to oclif')
    const summary = this.summary(command)
    const body = new CommandSections(this, command).generate()
    return (summary ? summary + '\n\n' : '') + body + '\n\n' + this.children(command.id)
  }

  /** The TOPICS and COMMANDS sections for what sits directly under `name`. */
  private children(name: string): string {
    const depth = name.split(':').length + 1
    const under = (id: string) => id.startsWith(`${name}:`) && id.split(':').length === depth
    return this.joinParts([
      this.topicList(this.topics.filter((t) => under(t.name))),
      this.commandList(this.commands.filter((c) => under(c.id))),
    ])
  }

  private topicList(topics: Topic[]): string {
    if (topics.length === 0) return ''
    const rows: Row[] = topics.map((t) => [spaced(t.name), t.description && this.render(t.description.split('\n')[0])])
    return this.section('TOPICS', rows)
  }

  private commandList(commands: ManifestCommand[]): string {
    if (commands.length === 0) return ''
    return this.section(
      'COMMANDS',
      commands.map((c) => [spaced(c.id), this.summary(c)]),
    )
  }

  summary(command: ManifestCommand): string | undefined {
    if (command.summary) return this.render(command.summary.split('\n')[0], command)
    return command.description && this.render(command.description, command).split('\n')[0]
  }

  /** oclif prints each part followed by a blank line; empty parts print nothing. */
  private joinParts(parts: string[]): string {
    return parts.filter(Boolean).map((part) => part + '\n\n').join('')
  }

  /**
   * oclif passes help text through EJS; apigw's help class skips plain text. The two templates
   * apigw's and its plugins' text use are filled in here; any other one declines.
   */
  render(text: string, command?: ManifestCommand): string {
    if (!text.includes('<%')) return text
    const rendered = text.replaceAll('<%= config.bin %>', this.bin)
    const withId = command ? rendered.replaceAll('<%= command.id %>', spaced(command.id)) : rendered
    if (withId.includes('<%')) decline('a template other than config.bin and command.id')
    return withId
  }

  wrap(text: string, spacing = 2, command?: ManifestCommand): string {
    return wrapText(this.render(text, command), this.width - spacing)
  }

  /** The only styles oclif's help uses without a theme, in ansis's codes. */
  bold(text: string): string {
    return this.sources.color ? `\u001B[1m${text}\u001B[22m` : text
  }

  underline(text: string): string {
    return this.sources.color ? `\u001B[4m${text}\u001B[24m` : text
  }

  section(header: string, body: string | Row[], command?: ManifestCommand): string {
    const text = typeof body === 'string' ? this.render(body, command) : this.list(body.map(([left, right]) => [this.render(left, command), right && this.render(right, command)]))
    return `${this.bold(header)}\n${indent(text, 2)}`
  }

  /**
   * Two columns: names, then descriptions wrapped beside them. When a description takes more than
   * five lines, oclif switches the whole list to one entry per paragraph.
   */
  private list(rows: Row[]): string {
    if (rows.length === 0) return ''
    const leftWidth = Math.max(...rows.flatMap(([left]) => checkNarrow(left.replaceAll(STYLE, '')).split('\n').map(textWidth)))
    const entries: string[] = []
    for (const [left, right] of rows) {
      if (!right) {
        entries.push(left.trim())
        continue
      }
      const [first, ...more] = this.wrap(right.trim(), 2 + leftWidth + 2)
        .split('\n')
        .map((line) => line.trim())
      if (more.length > 4) return this.paragraphs(rows)
      const line = left + ' '.repeat(leftWidth - styledWidth(left) + 2) + first
      entries.push(more.length ? `${line}\n${indent(more.join('\n'), leftWidth + 2)}` : line)
    }
    return entries.join('\n').trim()
  }

  private paragraphs(rows: Row[]): string {
    // oclif wraps the names too, and wrap-ansi moves styles across line ends in ways not matched here.
    if (this.sources.color) decline('a paragraph list in colour')
    return rows
      .filter(([left, right]) => left || right)
      .map(([left, right]) => {
        const name = left ? this.wrap(left.trim(), 2) : ''
        return right ? `${name}\n${indent(this.wrap(right.trim(), 4), 4)}` : name
      })
      .join('\n\n')
      .trim()
  }
}

/** Every topic oclif knows: package.json's, then each command's prefixes (described by the first command under it). */
function allTopics(sources: HelpSources): Topic[] {
  const topics = new Map<string, Topic>()
  for (const [name, topic] of Object.entries(sources.topics)) {
    if (topic.subtopics) decline('nested topics in package.json')
    topics.set(name, {name, description: topic.description, hidden: topic.hidden})
  }
  for (const command of sources.commands.filter((c) => !c.hidden)) {
    const parts = command.id.split(':')
    for (; parts.length > 0; parts.pop()) {
      const name = parts.join(':')
      if (!topics.has(name)) topics.set(name, {name, description: command.summary || command.description})
    }
  }
  return [...topics.values()]
}

/** Sorted by key, the last of each key kept (duplicates sort together, so it keeps their place). */
function sortedUnique<T>(items: T[], key: (item: T) => string): T[] {
  const sorted = [...items].sort((a, b) => compareKeys([key(a)], [key(b)]))
  return [...new Map(sorted.map((item) => [key(item), item])).values()]
}

const spaced = (id: string) => id.replaceAll(':', ' ')

