import {existsSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {HelpSources, ManifestCommand} from './fast-help.js'

interface PackageJson {
  version: string
  description?: string
  oclif: {bin: string; description?: string; plugins?: string[]; topics?: HelpSources['topics']}
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T

/** `apigw/<version> <platform>-<arch> node-<version>`: oclif's user agent, as bin/run.js prints it for `--version`. */
function userAgent(pjson: PackageJson): string {
  return `${pjson.oclif.bin}/${pjson.version} ${process.platform}-${process.arch} node-${process.version}`
}

/**
 * What help is rendered from: package.json, apigw's oclif.manifest.json and its plugins' manifests,
 * found as Node finds packages (node_modules folders upwards). Undefined when a manifest is missing:
 * oclif then answers (it can list commands without one).
 */
export function loadHelpSources(binUrl: string, width: number, color = false): HelpSources | undefined {
  const root = dirname(dirname(fileURLToPath(binUrl)))
  const pjson = readJson<PackageJson>(join(root, 'package.json'))
  const own = manifestCommands(join(root, 'oclif.manifest.json'))
  if (!own) return undefined
  const commands = [...own]
  for (const plugin of pjson.oclif.plugins ?? []) {
    const path = packageFile(root, plugin, 'oclif.manifest.json')
    const pluginCommands = path && manifestCommands(path)
    if (!pluginCommands) return undefined
    commands.push(...pluginCommands)
  }
  return {
    bin: pjson.oclif.bin,
    description: pjson.oclif.description ?? pjson.description ?? '',
    userAgent: userAgent(pjson),
    topics: pjson.oclif.topics ?? {},
    commands,
    width,
    color,
  }
}

function manifestCommands(path: string): ManifestCommand[] | undefined {
  if (!existsSync(path)) return undefined
  return Object.values(readJson<{commands: Record<string, ManifestCommand>}>(path).commands)
}

function packageFile(from: string, name: string, file: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const path = join(dir, 'node_modules', name, file)
    if (existsSync(path)) return path
    if (dirname(dir) === dir) return undefined
  }
}
