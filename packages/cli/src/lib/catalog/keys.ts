import type {ApiKey, AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {notFoundByIdOrName} from './not-found.js'

/** API key ids are lowercase alphanumerics (10 on AWS); anything else can only be a name. */
const LOOKS_LIKE_KEY_ID = /^[a-z0-9]{6,16}$/

/**
 * Finds the API key an operator means: an id, else an exact (case-sensitive) name. A name shared by
 * several keys is refused (exit 5) rather than guessed. Never asks for the key's value.
 */
export async function resolveKey(session: AwsSession, reference: string): Promise<ApiKey> {
  const wanted = reference.trim()
  if (wanted === '') throw usageError('The key is empty: it takes an API key id or name.', ['Try: apigw keys list, to see ids and names'], 'EMPTY_KEY_REFERENCE')
  const gateway = await session.rest()
  if (LOOKS_LIKE_KEY_ID.test(wanted)) {
    try {
      return await gateway.getApiKey(wanted)
    } catch (error) {
      if (!(error instanceof ApigwError) || error.exitCode !== ExitCode.notFound) throw error
    }
  }
  // nameQuery is a prefix: keep the exact matches.
  const named = (await gateway.listApiKeys({nameQuery: wanted})).filter((key) => key.name === wanted)
  if (named.length === 1) return named[0]
  if (named.length > 1) throw ambiguous(wanted, named)
  const all = await gateway.listApiKeys()
  throw notFoundByIdOrName(session, {what: 'API key', code: 'KEY_NOT_FOUND', wanted, names: all.map((key) => key.name ?? ''), list: 'keys list'})
}

function ambiguous(name: string, keys: ApiKey[]): ApigwError {
  const lines = keys.map((key) => `  ${key.id}  created ${key.createdDate?.toISOString() ?? 'unknown'}`)
  return new ApigwError(`${keys.length} API keys are named "${name}":\n${lines.join('\n')}`, {
    code: 'AMBIGUOUS_KEY_NAME',
    exitCode: ExitCode.conflict,
    suggestions: [`Try: name the key by id, e.g. ${keys[0].id}`],
  })
}

/** The ARN that TagResource/GetTags/UntagResource take for an API key. */
export const apiKeyArn = (region: string, keyId: string) => `arn:aws:apigateway:${region}::/apikeys/${keyId}`
