import {readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'

type Env = Record<string, string | undefined>

/** Reads one profile's keys from the AWS config file (AWS_CONFIG_FILE, else ~/.aws/config). */
export function readProfileConfig(profile: string, env: Env): Record<string, string> | undefined {
  const file = env.AWS_CONFIG_FILE ?? join(env.HOME ?? homedir(), '.aws', 'config')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  const sections = parseIni(text)
  // The config file names profiles "[profile x]", except the default, which may be "[default]".
  return (profile === 'default' ? sections.get('default') : undefined) ?? sections.get(`profile ${profile}`)
}

export function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>()
  let current: Record<string, string> | undefined
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    const header = /^\[\s*(.+?)\s*\]$/.exec(line)
    if (header) {
      current = {}
      sections.set(header[1].replace(/\s+/g, ' '), current)
      continue
    }
    const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(line)
    // Indented lines are sub-settings (e.g. under "s3 ="); apigw needs none of them.
    if (pair && current && !/^\s/.test(raw)) current[pair[1].trim()] = pair[2]
  }
  return sections
}
