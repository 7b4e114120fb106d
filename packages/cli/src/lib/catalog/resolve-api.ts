import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode, usageError} from '../errors.js'
import {byCodePoint} from '../util/text.js'
import {fetchApis, fromRest, fromV2, summarize, type AnyApi, type ApiSummary} from './apis.js'
import {notFoundByIdOrName} from './not-found.js'

/** API ids (REST and v2 alike) are short lowercase alphanumerics; anything else can only be a name. */
const LOOKS_LIKE_ID = /^[a-z0-9]{6,16}$/

/**
 * Finds the API an operator means by `--api`: an id of any kind, else an exact name.
 * A name shared by several APIs is refused (exit 5) rather than guessed.
 */
export async function resolveApi(session: AwsSession, reference: string): Promise<AnyApi> {
  const wanted = reference.trim()
  if (wanted === '') throw usageError('--api is empty: it takes an API id or name.', ['Try: apigw apis list, to see ids and names'], 'EMPTY_API_REFERENCE')
  if (LOOKS_LIKE_ID.test(wanted)) {
    const byId = await findById(session, wanted)
    if (byId) return byId
  }
  const all = await fetchApis(session)
  const named = all.filter((entry) => summarize(entry).name === wanted)
  if (named.length === 1) return named[0]
  if (named.length > 1) throw ambiguous(wanted, named.map(summarize))
  throw notFoundByIdOrName(session, {what: 'API', code: 'API_NOT_FOUND', wanted, names: all.map((entry) => summarize(entry).name), list: 'apis list'})
}

/** Lists the same-named APIs oldest first, in aligned columns, and suggests the oldest by id. */
function ambiguous(name: string, apis: ApiSummary[]): ApigwError {
  const sorted = [...apis].sort((a, b) => byCodePoint(a.createdDate ?? '', b.createdDate ?? ''))
  const idWidth = Math.max(...sorted.map((api) => api.id.length))
  const lines = sorted.map((api) => `  ${api.id.padEnd(idWidth)}  ${api.type.padEnd(9)}  created ${api.createdDate ?? 'unknown'}`)
  return new ApigwError(`${apis.length} APIs are named "${name}":\n${lines.join('\n')}`, {
    code: 'AMBIGUOUS_API_NAME',
    exitCode: ExitCode.conflict,
    suggestions: [`Try: --api ${sorted[0].id} (name the API by id)`],
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
