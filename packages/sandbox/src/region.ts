import type {IncomingHttpHeaders} from 'node:http'

/**
 * The region a request is served in when it names none (an unsigned request, or a scope naming no
 * region): us-east-1, moto's default and the sandbox's only region before regions were kept apart.
 * docs/aws-behaviour.md#regions-are-independent
 */
export const DEFAULT_REGION = 'us-east-1'

/** The region of a SigV4 credential scope: `Credential=AKID/20261207/eu-west-1/apigateway/aws4_request`. */
const SCOPE_REGION = /Credential=[^/,\s]+\/[^/,\s]+\/([^/,\s]+)\/[^/,\s]+\/aws4_request/

/** What AWS region names look like (`eu-west-1`, `us-gov-west-1`): anything else is not one. */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/

export const isRegionName = (name: string) => REGION_NAME.test(name)

/** The region a request was signed for, from its credential scope; the default region when it names none. */
export function regionOfRequest(headers: IncomingHttpHeaders): string {
  const authorization = headers.authorization
  if (authorization === undefined) return DEFAULT_REGION
  const region = SCOPE_REGION.exec(authorization)?.[1]
  return region !== undefined && isRegionName(region) ? region : DEFAULT_REGION
}
