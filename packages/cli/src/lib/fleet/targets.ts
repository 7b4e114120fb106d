import {ApigwError, usageError} from '../errors.js'
import {API_GATEWAY_REGIONS, LIST_DATE, LIST_SOURCE} from './regions.js'

/** One place a fleet view reads: a profile (undefined: the one in use) and a region (undefined: the profile's). */
export interface TargetSpec {
  profile?: string
  region?: string
}

export interface TargetOptions {
  /** --regions: names, comma-separated, or `all`. */
  regions?: string
  /** --profiles: AWS profile names, comma-separated. */
  profiles?: string
}

/**
 * The targets --regions and --profiles name, every profile in every region; undefined when neither
 * flag is given (the command reads its one region as usual). Bad input is a usage error, before any call.
 */
export function targets(options: TargetOptions): TargetSpec[] | undefined {
  if (options.regions === undefined && options.profiles === undefined) return undefined
  const regions = options.regions === undefined ? [undefined] : regionList(options.regions)
  const profiles = options.profiles === undefined ? [undefined] : list(options.profiles, '--profiles', 'Try: --profiles prod,staging')
  return profiles.flatMap((profile) => regions.map((region) => ({profile, region})))
}

function regionList(text: string): string[] {
  if (text.trim() === 'all') return API_GATEWAY_REGIONS.map((region) => region.name)
  const names = list(text, '--regions', 'Try: --regions us-east-1,eu-west-1 (or --regions all)')
  const known = new Set(API_GATEWAY_REGIONS.map((region) => region.name))
  const unknown = names.filter((name) => !known.has(name))
  if (unknown.length > 0) {
    throw usageError(`--regions: ${unknown.map((name) => `"${name}"`).join(', ')} ${unknown.length === 1 ? 'is not a region' : 'are not regions'} API Gateway is offered in (apigw's list of ${LIST_DATE}).`, [
      'Try: --regions us-east-1,eu-west-1 (or --regions all); the list is in docs/fleet.md#regions',
      `Or: check ${LIST_SOURCE} for a newer region (and tell apigw's maintainers)`,
    ])
  }
  return names
}

/** A comma-separated list, without blanks or repeats; an empty one is a usage error. */
function list(text: string, flag: string, suggestion: string): string[] {
  const names = [...new Set(text.split(',').map((name) => name.trim()))]
  if (names.some((name) => name === '')) throw usageError(`${flag} needs names separated by commas; got "${text}".`, [suggestion])
  return names
}

/**
 * What one target's failure says, whatever failed (the profile's settings, its credentials, the
 * region). Credentials refused in an opt-in region most likely mean the region is not enabled
 * (docs/aws-behaviour.md#opt-in-regions-refuse-calls-until-enabled): it says so.
 */
export function failureOf(error: unknown, region: string | null): {code: string; message: string} {
  if (!(error instanceof ApigwError)) throw error
  const optIn = API_GATEWAY_REGIONS.some((known) => known.name === region && known.optIn)
  const hint = optIn && error.code === 'INVALID_CREDENTIALS' ? ` (${region} is an opt-in region: is it enabled in this account?)` : ''
  return {code: error.code, message: error.message + hint}
}
