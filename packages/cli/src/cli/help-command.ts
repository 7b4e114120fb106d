// One command's help for fast help (./fast-help.ts): its sections as oclif's CommandHelp writes
// them, and the docopt usage line as oclif's DocOpts builds it.

import type {HelpRenderer, ManifestArg, ManifestCommand, ManifestFlag, Row} from './fast-help.js'
import {compact, compareKeys, decline, indent} from './help-text.js'

/** The sections of one command's help: usage, arguments, flags by group, description, examples. */
export class CommandSections {
  private readonly flags: ManifestFlag[]
  private readonly args: ManifestArg[]

  constructor(
    private readonly help: HelpRenderer,
    private readonly command: ManifestCommand,
  ) {
    const visible = Object.entries(command.flags ?? {})
      .filter(([, flag]) => !flag.hidden)
      .map(([name, flag]) => ({...flag, name}))
    // Flags with a short name first (by it), then the rest by name.
    this.flags = visible.sort((a, b) => compareKeys([a.char ? 0 : 1, a.char ?? '', a.name], [b.char ? 0 : 1, b.char ?? '', b.name]))
    this.args = Object.entries(command.args ?? {})
      .filter(([, arg]) => !arg.hidden)
      .map(([name, arg]) => ({...arg, name}))
  }

  generate(): string {
    const sections = [
      this.section('USAGE', this.usage()),
      this.section('ARGUMENTS', this.argRows()),
      ...this.flagSections(),
      this.section('DESCRIPTION', this.description()),
      this.section('EXAMPLES', this.examples()),
      this.section('FLAG DESCRIPTIONS', this.flagDescriptions()),
    ]
    return compact(sections).join('\n\n')
  }

  private section(header: string, body: string | Row[] | undefined): string | undefined {
    if (!body || body.length === 0) return undefined
    return this.help.section(header, body, this.command)
  }

  /** `$ apigw <id> <docopt>`, split once where it passes the width, the rest wrapped and indented. */
  private usage(): string {
    // oclif measures the line with the id still a template, then fills it in.
    const template = '<%= command.id %>'
    const line = `$ ${this.help.render('<%= config.bin %>')} ${template} ${docopt(this.command, this.args, this.flags)}`.trim()
    const room = this.help.width - 2
    if (line.length <= room) return this.help.wrap(line, 2, this.command)
    const split = line.slice(0, room).lastIndexOf(' ')
    return line.slice(0, Math.max(0, split)) + '\n' + indent(this.help.wrap(line.slice(Math.max(0, split)), 4, this.command), 2)
  }

  private argRows(): Row[] | undefined {
    if (!this.args.some((arg) => arg.description)) return undefined
    return this.args.map((arg) => {
      let description = arg.description ?? ''
      if (arg.default) description = `[default: ${arg.default}] ${description}`
      if (arg.options) description = `(${arg.options.join('|')}) ${description}`
      return [argName(arg, this.command), description || undefined]
    })
  }

  private flagSections(): (string | undefined)[] {
    const groups = new Map<string, ManifestFlag[]>([['', []]])
    for (const flag of this.flags) {
      const group = flag.helpGroup ?? ''
      groups.set(group, [...(groups.get(group) ?? []), flag])
    }
    return [...groups].map(([group, flags]) => this.section(group ? `${group.toUpperCase()} FLAGS` : 'FLAGS', this.flagRows(flags)))
  }

  private flagRows(flags: ManifestFlag[]): Row[] {
    const noChar = flags.every((flag) => flag.char === undefined)
    return flags.map((flag) => {
      let left = flagLabel(flag, (value) => this.help.underline(value))
      if (noChar) left = left.replace('    ', '')
      let right = flag.summary || flag.description || ''
      const metadata: string[] = []
      if (flag.type === 'option' && flag.default) metadata.push(`default: ${flag.default}`)
      if (flag.env) metadata.push(`env: ${flag.env}`)
      if (metadata.length > 0) right = `[${metadata.join(', ')}] ${right}`
      if (flag.required) right = `(required) ${right}`
      if (flag.type === 'option' && flag.options && !flag.helpValue) right += `\n<options: ${flag.options.join('|')}>`
      return [left, right.trim()]
    })
  }

  private description(): string | undefined {
    const {summary, description} = this.command
    if (!description) return undefined
    const lines = [...(summary ? `${summary}\n`.split(/\r\n|\n/) : []), ...description.split(/\r\n|\n/)]
    return this.help.wrap(lines.join('\n'), 2, this.command)
  }

  private examples(): string | undefined {
    const examples = this.command.examples
    if (examples === undefined) return undefined
    const list = Array.isArray(examples) ? examples : [examples]
    if (list.length === 0) return undefined
    return list.map((example) => this.example(example)).join('\n\n')
  }

  private example(example: unknown): string {
    let description: string
    let commands: string[]
    if (typeof example === 'string') {
      const lines = example.split(/\r\n|\n/).filter(Boolean)
      if (lines.length >= 2 && !this.isCommand(lines[0]) && lines.slice(1).every((line) => this.isCommand(line))) {
        ;[description, ...commands] = lines
      } else {
        return lines.map((line) => this.asCommand(line)).join('\n')
      }
    } else if (example && typeof example === 'object' && 'command' in example) {
      const {description: text, command} = example as {description?: string; command: string}
      description = text ?? ''
      commands = [command]
    } else {
      return decline('an example oclif cannot read')
    }
    if (process.platform === 'win32') decline("oclif's Windows line continuations")
    const shown = commands.map((c) => indent(this.help.wrap(this.asCommand(c), 8, this.command), 2).split(/\r\n|\n/).join(' \\\n  ')).join('\n')
    return `${this.help.wrap(description, 4, this.command)}\n\n${shown}`
  }

  private asCommand(example: string): string {
    const text = this.help.render(example, this.command)
    const bin = this.help.render('<%= config.bin %>')
    return text.startsWith(bin) ? `$ ${text}` : text
  }

  private isCommand(example: string): boolean {
    return this.asCommand(example).startsWith(`$ ${this.help.render('<%= config.bin %>')}`)
  }

  private flagDescriptions(): string | undefined {
    const extended = this.flags.filter((flag) => flag.summary && flag.description)
    if (extended.length === 0) return undefined
    return extended
      .map((flag) => {
        const summary = flag.summary ?? ''
        let label = flagLabel(flag, (value) => this.help.underline(value), true)
        if (!flag.char) label = label.replace('    ', '')
        label += label.length + summary.length + 2 < this.help.width ? '  ' + summary : '\n\n' + indent(this.help.wrap(summary, 4), 2)
        return `${label}\n\n${indent(this.help.wrap(flag.description ?? '', 4), 2)}`
      })
      .join('\n\n')
  }
}

/** `-o, --output=<option>`, `    --[no-]color`, as oclif labels a flag. */
function flagLabel(flag: ManifestFlag, underline: (value: string) => string, showOptions = false): string {
  let label = flag.helpLabel
  if (!label) {
    const name = flag.type === 'boolean' && flag.allowNo ? `--[no-]${flag.name.trim()}` : `--${flag.name.trim()}`
    label = flag.char ? `-${flag.char[0]}, ${name}` : `    ${name}`
  }
  if (flag.type !== 'option') return label
  const value = usageValue(flag, showOptions)
  return `${label}=${value.includes('|') ? value : underline(value)}`
}

/** A flag's value in usage and labels: its helpValue, its options or <option>, else <value>. */
function usageValue(flag: ManifestFlag, showOptions: boolean): string {
  if (flag.type !== 'option') return ''
  const values = flag.helpValue ? [flag.helpValue].flat() : flag.options ? [showOptions ? flag.options.join('|') : '<option>'] : ['<value>']
  return values.map((value) => `${value}${flag.multiple ? '...' : ''}`).join(' ')
}

function argName(arg: ManifestArg, command: ManifestCommand): string {
  const name = `${arg.name.toUpperCase()}${arg.multiple || command.strict === false ? '...' : ''}`
  return arg.required ? name : `[${name}]`
}

/**
 * The docopt usage: arguments, then required flags and optional ones, with flags that exclude each
 * other joined by `|` and flags that depend on each other grouped, as oclif writes it.
 */
function docopt(command: ManifestCommand, args: ManifestArg[], sortedFlags: ManifestFlag[]): string {
  // oclif reads flags in the command's own order here, not help's sorted order.
  const flags = Object.entries(command.flags ?? {})
    .filter(([, flag]) => !flag.hidden)
    .map(([name, flag]) => ({...flag, name}))
  if (flags.length !== sortedFlags.length) decline('flags changed while rendering')
  const pending = new Map(flags.map((flag) => [flag.name, flag]))
  const elements = new Map<string, string>()
  for (const flag of [...flags.filter((f) => f.required), ...flags.filter((f) => !f.required)]) {
    const name = flag.char ? `-${flag.char}` : `--${flag.name}`
    elements.set(flag.name, flag.type === 'option' ? `${name} ${usageValue(flag, true)}` : name)
  }
  const combine = (name: string, others: string[], joiner: string) => {
    if (!pending.has(name)) return
    const required = pending.get(name)?.required || others.some((other) => pending.get(other)?.required)
    let text = elements.get(name) ?? ''
    for (const other of others) {
      text = `${text}${joiner}${elements.get(other) ?? ''}`
      elements.delete(other)
      pending.delete(other)
    }
    // A deleted key keeps its place in oclif's object, so set it back where it was when it moved.
    elements.set(name, required ? `(${text})` : `[${text}]`)
    pending.delete(name)
  }
  for (const flag of withLiveGroups(flags)) {
    if (flag.dependsOn) combine(flag.name, flag.dependsOn, ' ')
    if (flag.exclusive) combine(flag.name, flag.exclusive, ' | ')
  }
  for (const flag of pending.values()) if (!flag.required) elements.set(flag.name, `[${elements.get(flag.name) ?? ''}]`)
  return [...args.map((arg) => argName(arg, command)), ...elements.values()].join(' ')
}

/**
 * The flags (visible, in the command's order) with `dependsOn` and `exclusive` (and `combinable`,
 * turned into the flags it excludes) naming only flags not yet drawn into an earlier group, as
 * docopt usage draws them. oclif's DocOpts joins an already drawn flag as an empty string: `--stage`
 * exclusive with `--all`, which `--api | --all` already holds, printed `[--stage <value> | ]`. Both
 * renderers use this, so neither prints such an empty alternative. An empty list becomes undefined:
 * the flag then stands alone.
 */
export function withLiveGroups<T extends Pick<ManifestFlag, 'name' | 'dependsOn' | 'exclusive' | 'combinable'>>(flags: T[]): T[] {
  const pending = new Set(flags.map((flag) => flag.name))
  const live = (flag: T, names: string[] | undefined) => {
    const kept = names?.filter((name) => name !== flag.name && pending.has(name))
    if (kept === undefined || kept.length === 0) return undefined
    if (pending.has(flag.name)) for (const name of [flag.name, ...kept]) pending.delete(name)
    return kept
  }
  return flags.map((flag) => {
    const dependsOn = live(flag, flag.dependsOn)
    const excluded = flag.combinable ? [...(flag.exclusive ?? []), ...flags.filter((other) => !flag.combinable?.includes(other.name)).map((other) => other.name)] : flag.exclusive
    return {...flag, dependsOn, exclusive: live(flag, excluded && [...new Set(excluded)]), combinable: undefined}
  })
}
