import {mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cachedNames, completionCacheDir, completionCacheKey, COMPLETION_TTL_MS, readCachedNames} from '../../packages/cli/src/lib/completion/cache.js'
import {namePosition, type CommandShape} from '../../packages/cli/src/lib/completion/position.js'

// The real commands, from the manifest the build writes: a renamed flag or argument shows here.
const manifest = JSON.parse(readFileSync(new URL('../../packages/cli/oclif.manifest.json', import.meta.url), 'utf8')) as {
  commands: Record<string, {flags: Record<string, {type: 'option' | 'boolean'; char?: string}>; args: Record<string, unknown>}>
}
const commands: Record<string, CommandShape> = Object.fromEntries(
  Object.entries(manifest.commands).map(([id, command]) => [id, {flags: command.flags, args: Object.keys(command.args)}]),
)
const at = (line: string) => namePosition(line.split(' '), commands)

describe('where a name is typed on a command line', () => {
  it('after --api: API names; after --stage: the stages of the API the line names', () => {
    expect(at('stages show --api ')).toEqual({kind: 'apis', api: undefined, targetFlags: []})
    expect(at('stages show --api shop --stage p')).toEqual({kind: 'stages', api: 'shop', targetFlags: []})
    expect(at('metrics check --stage ')).toEqual({kind: 'stages', api: undefined, targetFlags: []})
  })

  it('as a key or plan argument, counting arguments past flags and their values', () => {
    expect(at('keys show ')?.kind).toBe('keys')
    expect(at('keys rotate --grace 1h ')?.kind).toBe('keys')
    expect(at('plans show g')?.kind).toBe('plans')
    expect(at('plans attach gold ')?.kind).toBe('keys')
    expect(at('plans attach gold partner ')).toBeUndefined()
    expect(at('plans usage gold --key ')?.kind).toBe('keys')
    expect(at('keys create --plan ')?.kind).toBe('plans')
  })

  it('where a command means a new name or another thing, nothing', () => {
    expect(at('stages create --api shop --stage ')).toBeUndefined()
    expect(at('plans create --stage ')).toBeUndefined()
    expect(at('canary run --plan ')).toBeUndefined()
    expect(at('stages promote --api shop --from dev --to ')?.kind).toBe('stages')
    expect(at('stages rollback --api shop --stage prod --to ')).toBeUndefined()
  })

  it('not for a flag, a command, a file or a line with no command', () => {
    expect(at('stages show --a')).toBeUndefined()
    expect(at('stages sh')).toBeUndefined()
    expect(at('apis diff ')).toBeUndefined()
    expect(at('nosuch thing ')).toBeUndefined()
    expect(at('')).toBeUndefined()
  })

  it('carries the flags that choose the AWS target, and reads -o as a flag that takes a value', () => {
    expect(at('stages list --profile ops --region eu-west-1 --json --sandbox --endpoint-url http://127.0.0.1:4566 --api ')).toEqual({
      kind: 'apis',
      api: undefined,
      targetFlags: ['--profile', 'ops', '--region', 'eu-west-1', '--sandbox', '--endpoint-url', 'http://127.0.0.1:4566'],
    })
    expect(at('keys show -o json ')?.kind).toBe('keys')
  })
})

describe('the completion cache', () => {
  const dir = () => join(mkdtempSync(join(tmpdir(), 'apigw-completion-')), 'completion')
  const question = {kind: 'apis', profile: 'ops', region: 'eu-west-1'}

  it('lives in XDG_CACHE_HOME, else ~/.cache', () => {
    expect(completionCacheDir({XDG_CACHE_HOME: '/x', HOME: '/home/a'})).toBe('/x/apigw/completion')
    expect(completionCacheDir({HOME: '/home/a'})).toBe('/home/a/.cache/apigw/completion')
  })

  it('keys an answer by the question and its target, whatever the order of their fields', () => {
    expect(completionCacheKey(question)).toBe(completionCacheKey({region: 'eu-west-1', kind: 'apis', profile: 'ops'}))
    expect(completionCacheKey(question)).not.toBe(completionCacheKey({...question, region: 'us-east-1'}))
    expect(completionCacheKey(question)).not.toBe(completionCacheKey({...question, endpoint: 'http://127.0.0.1:4566'}))
  })

  it('lists once, answers from a 0600 file while it is fresh, and lists again once it is not', async () => {
    const cache = {dir: dir(), now: Date.now()}
    const calls: string[][] = []
    const list = async () => (calls.push(['shop', 'pets']), ['pets', 'shop'])
    expect(await cachedNames(question, cache, list)).toEqual(['pets', 'shop'])
    expect(await cachedNames(question, {...cache, now: cache.now + COMPLETION_TTL_MS - 1000}, list)).toEqual(['pets', 'shop'])
    expect(calls).toHaveLength(1)
    const file = join(cache.dir, completionCacheKey(question))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(cache.dir).mode & 0o777).toBe(0o700)
    expect(await cachedNames(question, {...cache, now: cache.now + COMPLETION_TTL_MS + 1000}, list)).toEqual(['pets', 'shop'])
    expect(calls).toHaveLength(2)
  })

  it('keeps no failed listing, and reads no file that is not a list of names', async () => {
    const cache = {dir: dir(), now: Date.now()}
    await expect(cachedNames(question, cache, async () => Promise.reject(new Error('AccessDenied')))).rejects.toThrow('AccessDenied')
    expect(readCachedNames(cache.dir, completionCacheKey(question), cache.now)).toBeUndefined()
    mkdirSync(cache.dir)
    writeFileSync(join(cache.dir, completionCacheKey(question)), '{"names": "shop"}')
    expect(readCachedNames(cache.dir, completionCacheKey(question), cache.now)).toBeUndefined()
    expect(await cachedNames(question, cache, async () => ['shop'])).toEqual(['shop'])
  })
})
