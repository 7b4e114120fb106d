import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'
import {writePrivateFile} from '../util/private-file.js'
import type {RoleProfile} from './settings.js'
import type {Env} from './shared-config.js'

/**
 * Assumed-role credentials, cached where and as the AWS CLI caches them (botocore's JSONFileCache
 * under ~/.aws/cli/cache), so that the AWS CLI and apigw share them and an MFA code is asked once.
 */
export interface CachedRole {
  Credentials: {AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string}
  AssumedRoleUser?: {AssumedRoleId?: string; Arn?: string}
  ProviderType?: string
}

/** Credentials with less than this left are not used from the cache (botocore's expiry window). */
export const EXPIRY_WINDOW_MS = 15 * 60_000

export function cacheDirectory(env: Env): string {
  return join(env.HOME ?? homedir(), '.aws', 'cli', 'cache')
}

/**
 * The file name the AWS CLI gives a role's cache entry: the SHA-1 of the AssumeRole arguments taken
 * from the profile (RoleArn, and RoleSessionName, ExternalId, SerialNumber, DurationSeconds when set;
 * never the MFA code), written as Python's json.dumps(args, sort_keys=True) writes them.
 */
export function roleCacheKey(role: RoleProfile): string {
  const args: Record<string, string | number | undefined> = {
    DurationSeconds: role.durationSeconds,
    ExternalId: role.externalId,
    RoleArn: role.roleArn,
    RoleSessionName: role.roleSessionName,
    SerialNumber: role.mfaSerial,
  }
  const body = Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${pythonJson(key)}: ${typeof value === 'number' ? String(value) : pythonJson(value!)}`)
    .join(', ')
  return createHash('sha1').update(`{${body}}`, 'utf8').digest('hex')
}

/** A string as Python's json.dumps writes it: JSON, with every non-ASCII character escaped. */
function pythonJson(text: string): string {
  return JSON.stringify(text).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** The cached entry for `key`, if there is one that is still good for EXPIRY_WINDOW_MS from `now`. */
export function readCachedRole(env: Env, key: string, now: number): CachedRole | undefined {
  let entry: CachedRole
  try {
    entry = JSON.parse(readFileSync(join(cacheDirectory(env), `${key}.json`), 'utf8')) as CachedRole
  } catch {
    return undefined
  }
  const expires = expirationOf(entry)
  return Number.isFinite(expires) && expires - now >= EXPIRY_WINDOW_MS ? entry : undefined
}

/**
 * An entry's Expiration: ISO 8601 as apigw and the AWS CLI write it (STS's own text), or as other
 * botocore-based tools sharing the folder do, "2026-12-07T13:42:00UTC", which Date.parse does not read.
 */
export function expirationOf(entry: CachedRole): number {
  return Date.parse((entry?.Credentials?.Expiration ?? '').replace(/(\d)(UTC|GMT)$/, '$1Z'))
}

/** Writes an entry readable only by this user (0600), whole or not at all: a reader never sees half a file. */
export function writeCachedRole(env: Env, key: string, entry: CachedRole): void {
  writePrivateFile(cacheDirectory(env), `${key}.json`, JSON.stringify(entry))
}
