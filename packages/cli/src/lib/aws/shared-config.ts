import {readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'

export type Env = Record<string, string | undefined>

/** One profile's (or section's) settings; a sub-setting is "parent.key". */
export type Profile = Record<string, string>

/** The profiles of the AWS config file (AWS_CONFIG_FILE, else ~/.aws/config), by name. */
export function configProfiles(env: Env): Map<string, Profile> {
  const profiles = new Map<string, Profile>()
  // The config file names profiles "[profile x]", except the default, which may be "[default]".
  for (const [section, keys] of readIni(env.AWS_CONFIG_FILE, 'config', env)) {
    if (section === 'default') profiles.set('default', keys)
    else if (section.startsWith('profile ')) profiles.set(section.slice('profile '.length), keys)
  }
  return profiles
}

/** The `[services name]` sections of the config file, by name: where a profile's `services = name` points. */
export function configServices(env: Env): Map<string, Profile> {
  const services = new Map<string, Profile>()
  for (const [section, keys] of readIni(env.AWS_CONFIG_FILE, 'config', env)) {
    if (section.startsWith('services ')) services.set(section.slice('services '.length), keys)
  }
  return services
}

/** The profile names of the shared credentials file (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials). */
export function credentialProfiles(env: Env): string[] {
  return [...readIni(env.AWS_SHARED_CREDENTIALS_FILE, 'credentials', env).keys()]
}

function readIni(path: string | undefined, defaultName: string, env: Env): Map<string, Record<string, string>> {
  try {
    return parseIni(readFileSync(path ?? join(env.HOME ?? homedir(), '.aws', defaultName), 'utf8'))
  } catch {
    return new Map()
  }
}

function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>()
  let current: Record<string, string> | undefined
  // The key with an empty value that indented lines below belong to ("apigateway =" in a services section).
  let parent: string | undefined
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    const header = /^\[\s*(.+?)\s*\]$/.exec(line)
    if (header) {
      current = {}
      sections.set(header[1].replace(/\s+/g, ' '), current)
      parent = undefined
      continue
    }
    const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(line)
    if (!pair || !current) continue
    const key = pair[1].trim()
    // Indented lines are sub-settings, kept as "parent.key" (apigateway.endpoint_url).
    if (/^\s/.test(raw)) {
      if (parent) current[`${parent}.${key}`] = pair[2]
      continue
    }
    current[key] = pair[2]
    parent = pair[2] === '' ? key : undefined
  }
  return sections
}
