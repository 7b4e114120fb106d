import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {HelpSources, ManifestCommand, ManifestFlag} from './fast-help.js'

/** dist/help-index.json, as scripts/help-index.mjs writes it: flags are numbers into `flags`. */
interface HelpIndex {
  bin: string
  version: string
  description: string
  topics: HelpSources['topics']
  commands: Array<Omit<ManifestCommand, 'flags'> & {flags: Record<string, number>}>
  flags: ManifestFlag[]
}

/** `apigw/<version> <platform>-<arch> node-<version>`: oclif's user agent, as bin/run.js prints it for `--version`. */
function userAgent(bin: string, version: string): string {
  return `${bin}/${version} ${process.platform}-${process.arch} node-${process.version}`
}

/**
 * What help is rendered from: the help index the build writes beside the bundle (apigw's and its
 * plugins' commands, from their manifests, and package.json's oclif settings). Undefined when there
 * is none: oclif then answers (it can list commands without a manifest).
 */
export function loadHelpSources(root: string, width: number, color = false): HelpSources | undefined {
  let index: HelpIndex
  try {
    index = JSON.parse(readFileSync(join(root, 'dist', 'help-index.json'), 'utf8')) as HelpIndex
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const commands = index.commands.map((command) => ({
    ...command,
    flags: Object.fromEntries(Object.entries(command.flags).map(([name, number]) => [name, index.flags[number]!])),
  }))
  return {bin: index.bin, description: index.description, userAgent: userAgent(index.bin, index.version), topics: index.topics, commands, width, color}
}
