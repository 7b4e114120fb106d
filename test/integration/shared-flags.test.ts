import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

// The flags many commands share say the same thing in every --help (src/cli/flags.ts builds them).
type Manifest = {commands: Record<string, {flags: Record<string, {description?: string}>}>}
const manifest: Manifest = JSON.parse(readFileSync(new URL('../../packages/cli/oclif.manifest.json', import.meta.url), 'utf8'))
const commandsWith = (flag: string) => Object.entries(manifest.commands).filter(([, command]) => flag in command.flags)
const described = (flag: string, except: string[] = []) =>
  Object.fromEntries(commandsWith(flag).filter(([id]) => !except.includes(id)).map(([id, command]) => [id, command.flags[flag].description]))

describe('shared flags', () => {
  it('--api names the kinds of API the command takes, in one of three ways', () => {
    // apis import's --api is another flag: it switches from creating an API to updating one.
    const api = described('api', ['apis:import'])
    expect(Object.keys(api).length).toBeGreaterThan(20)
    for (const [id, description] of Object.entries(api)) {
      const expected = id.startsWith('canary:') || (id.startsWith('cache:') && id !== 'cache:flush') ? 'REST API id or name' : undefined
      expect(['API id or name (REST, HTTP or WebSocket)', 'REST API id or name', 'API id or name (REST or HTTP)'], id).toContain(description)
      if (expected) expect(description, id).toBe(expected)
    }
  })

  it('--stage is a stage name everywhere it names one', () => {
    // plans create's --stage is an api:stage pair.
    for (const [id, description] of Object.entries(described('stage', ['plans:create']))) {
      expect(['stage name', 'stage name (repeatable)', 'stage name (REST: required when the API has several stages)'], id).toContain(description)
    }
  })

  it('a window begins and ends the same way in every command that reads one', () => {
    const starts = new Set(Object.values(described('start')))
    const ends = new Set(Object.values(described('end')))
    expect(commandsWith('since').length).toBeGreaterThanOrEqual(7)
    // Minutes of CloudWatch metrics, or whole days of API key usage.
    expect(starts.size).toBe(2)
    expect(ends.size).toBe(2)
  })
})
