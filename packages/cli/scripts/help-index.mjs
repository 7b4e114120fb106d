// Writes dist/help-index.json, what fast help (src/cli/help-sources.ts) reads instead of package.json,
// oclif.manifest.json and each plugin's manifest: one small file with only what help shows. Flags are
// stored once and referred to by number, since every command repeats the global ones (the manifest
// is about 400 KB; this is under a quarter of it). Runs after `oclif manifest` (npm run build).
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

const COMMAND_FIELDS = ['id', 'summary', 'description', 'hidden', 'strict', 'aliases', 'hiddenAliases', 'usage', 'state', 'deprecationOptions', 'deprecateAliases', 'hasDynamicHelp', 'examples', 'args']
const FLAG_FIELDS = ['name', 'type', 'char', 'summary', 'description', 'helpGroup', 'helpLabel', 'helpValue', 'hidden', 'required', 'options', 'default', 'env', 'allowNo', 'multiple', 'exclusive', 'dependsOn', 'combinable']

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'))
const pick = (object, fields) => Object.fromEntries(fields.filter((field) => object[field] !== undefined).map((field) => [field, object[field]]))

const pjson = readJson('package.json')
/** A plugin's manifest, found as Node finds packages (node_modules folders upwards; plugins export no such path). */
function pluginManifest(plugin) {
  for (let dir = resolve('.'); ; dir = dirname(dir)) {
    const path = join(dir, 'node_modules', plugin, 'oclif.manifest.json')
    if (existsSync(path)) return readJson(path)
    if (dirname(dir) === dir) throw new Error(`no oclif.manifest.json for the plugin ${plugin}: run npm ci`)
  }
}
const manifests = [readJson('oclif.manifest.json'), ...(pjson.oclif.plugins ?? []).map(pluginManifest)]

const flags = []
const flagNumbers = new Map()
const flagNumber = (flag) => {
  const key = JSON.stringify(pick(flag, FLAG_FIELDS))
  if (!flagNumbers.has(key)) flagNumbers.set(key, flags.push(JSON.parse(key)) - 1)
  return flagNumbers.get(key)
}
const commands = manifests.flatMap((manifest) =>
  Object.values(manifest.commands).map((command) => ({
    ...pick(command, COMMAND_FIELDS),
    flags: Object.fromEntries(Object.entries(command.flags ?? {}).map(([name, flag]) => [name, flagNumber(flag)])),
  })),
)
const index = {
  bin: pjson.oclif.bin,
  version: pjson.version,
  description: pjson.oclif.description ?? pjson.description ?? '',
  topics: pjson.oclif.topics ?? {},
  commands,
  flags,
}
writeFileSync('dist/help-index.json', JSON.stringify(index))
