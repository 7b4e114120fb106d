import {createHash} from 'node:crypto'
import {readFileSync, statSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'
import type {Env} from '../aws/index.js'
import {writePrivateFile} from '../util/private-file.js'

/**
 * Names offered by shell completion, kept briefly so that pressing Tab again calls AWS no more:
 * one file per target and question, fresh while it is younger than the TTL (by its time of change).
 */

/** How long names stay fresh. */
export const COMPLETION_TTL_MS = 60_000

/** Where the cache lives: $XDG_CACHE_HOME/apigw/completion, else ~/.cache/apigw/completion. */
export function completionCacheDir(env: Env): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'apigw', 'completion')
}

/** The file name for a question (kind, API) asked of a target (endpoint, profile, region, sandbox). */
export function completionCacheKey(question: Record<string, string | boolean | undefined>): string {
  const sorted = Object.fromEntries(Object.entries(question).sort(([a], [b]) => (a < b ? -1 : 1)))
  return `${createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 32)}.json`
}

/** The cached names, when the file is there, readable and fresh at `now`. */
export function readCachedNames(dir: string, key: string, now: number, ttlMs = COMPLETION_TTL_MS): string[] | undefined {
  try {
    const file = join(dir, key)
    if (now - statSync(file).mtimeMs >= ttlMs) return undefined
    const names: unknown = JSON.parse(readFileSync(file, 'utf8'))
    return Array.isArray(names) && names.every((name) => typeof name === 'string') ? names : undefined
  } catch {
    return undefined
  }
}

export function writeCachedNames(dir: string, key: string, names: string[]): void {
  writePrivateFile(dir, key, JSON.stringify(names))
}

/** What a cached answer depends on: the question, and the AWS target it was asked of. */
export type CompletionQuestion = Record<string, string | boolean | undefined>

/**
 * The AWS target names were asked of, for the cache key: the flags, else the environment the session
 * reads them from (a profile's own region and endpoint go with its name).
 */
export function completionTarget(flags: {profile?: string; region?: string; endpointUrl?: string}, env: Env): CompletionQuestion {
  const endpointEnv = Object.keys(env).filter((name) => name.startsWith('AWS_ENDPOINT_URL')).sort()
  return {
    profile: flags.profile ?? env.AWS_PROFILE,
    region: flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    endpoint: flags.endpointUrl,
    endpointEnv: endpointEnv.map((name) => `${name}=${env[name]}`).join(' '),
  }
}

/**
 * The names for `question`: from the cache while fresh, else from `list` (one round of AWS calls),
 * kept for the next Tab. A failed listing is not kept, so the next Tab asks again.
 */
export async function cachedNames(question: CompletionQuestion, cache: {dir: string; now: number}, list: () => Promise<string[]>): Promise<string[]> {
  const key = completionCacheKey(question)
  const cached = readCachedNames(cache.dir, key, cache.now)
  if (cached) return cached
  const names = await list()
  writeCachedNames(cache.dir, key, names)
  return names
}
