import {usageError} from '../errors.js'

/** Cache cluster sizes in GB, as AWS spells them (docs/aws-behaviour.md#cache-cluster-sizes). */
export const CACHE_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as const

export const DEFAULT_CACHE_SIZE = '0.5'

/** The largest TTL AWS takes; 0 turns caching off (docs/aws-behaviour.md#cache-ttl). */
const MAX_TTL_SECONDS = 3600

/**
 * `--size`, checked against AWS's list before any AWS call. "6.10" or "118.0" name a size AWS
 * spells otherwise, so the number is compared and AWS's spelling is sent.
 */
export function parseCacheSize(text: string): string {
  const wanted = Number(text)
  const size = text.trim() === '' ? undefined : CACHE_SIZES.find((candidate) => Number(candidate) === wanted)
  if (size === undefined) {
    throw usageError(`--size ${text} is not a cache cluster size. Sizes (GB): ${CACHE_SIZES.join(', ')}.`, ['Try: --size 0.5 (the smallest), or --size 1.6'], 'INVALID_CACHE_SIZE')
  }
  return size
}

/** `--ttl`: whole seconds from 0 (no caching) to 3600. */
export function parseTtl(text: string): number {
  const ttl = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN
  if (!(ttl >= 0 && ttl <= MAX_TTL_SECONDS)) {
    throw usageError(`--ttl ${text} is not a cache TTL: give whole seconds from 0 (caching off) to ${MAX_TTL_SECONDS}.`, ['Try: --ttl 300 (AWS\'s default)'], 'INVALID_CACHE_TTL')
  }
  return ttl
}
