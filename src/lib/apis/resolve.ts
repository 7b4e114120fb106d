import type {AwsSession} from '../aws/session.js'
import {ApigwError, ExitCode} from '../errors.js'
import {closestMatches} from '../util/text.js'
import {fetchApis, fromRest, fromV2, summarize, type AnyApi} from './catalog.js'

/** API ids (REST and v2 alike) are short lowercase alphanumerics; anything else can only be a name. */
const LOOKS_LIKE_ID = /^[a-z0-9]{6,16}$/

/**
 * Finds the API an operator means by `--api`: an id of any kind, else an exact name.
 * A name shared by several APIs is refused (exit 5) rather than guessed.
 */
export async function resolveApi(session: AwsSession, reference: string): Promise<AnyApi> {
  const wanted = reference.trim()
  if (LOOKS_LIKE_ID.test(wanted)) {
    const byId = await findById(session, wanted)
    if (byId) return byId
  }
  const all = await fetchApis(session)
  const named = all.filter((entry) => summarize(entry).name === wanted)
  if (named.length === 1) return named[0]
  if (named.length > 1) {
    const lines = named.map(summarize).map((api) => `  ${api.id}  ${api.type.padEnd(9)}  created ${api.createdDate ?? 'unknown'}`)
    throw new ApigwError(`${named.length} APIs are named "${wanted}":\n${lines.join('\n')}`, {
      code: 'AMBIGUOUS_API_NAME',
      exitCode: ExitCode.conflict,
      suggestions: [`Try: --api ${summarize(named[0]).id} (name the API by id)`],
    })
  }
  const suggestions = closestMatches(wanted, all.map((entry) => summarize(entry).name))
  throw new ApigwError(`No API with id or name "${wanted}" in region ${session.settings.region}.`, {
    code: 'API_NOT_FOUND',
    exitCode: ExitCode.notFound,
    suggestions: [
      ...(suggestions.length > 0 ? [`Did you mean: ${suggestions.join(', ')}?`] : []),
      'Try: apigw apis list (or another --region)',
    ],
  })
}

/** Looks the id up as a REST and as a v2 API at once; only "not found" from both means "not an id". */
async function findById(session: AwsSession, id: string): Promise<AnyApi | undefined> {
  const [rest, v2] = await Promise.allSettled([
    session.rest().then((gateway) => gateway.getRestApi(id)).then(fromRest),
    session.v2().then((gateway) => gateway.getApi(id)).then(fromV2),
  ])
  if (rest.status === 'fulfilled') return rest.value
  if (v2.status === 'fulfilled') return v2.value
  for (const failure of [rest.reason, v2.reason]) {
    if (!(failure instanceof ApigwError) || failure.exitCode !== ExitCode.notFound) throw failure
  }
  return undefined
}
