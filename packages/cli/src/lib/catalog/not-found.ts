import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import {closestMatches} from '../util/text.js'

export interface NamedThing {
  /** What it is, as a sentence names it: "API", "API key", "usage plan". */
  what: string
  code: string
  /** The id or name the operator typed. */
  wanted: string
  /** The names there are, for "Did you mean". */
  names: string[]
  /** The apigw command that lists them, e.g. "keys list". */
  list: string
}

/** Nothing has the id or name typed (exit 4): where apigw looked, the nearest names, and the listing to look in. */
export function notFoundByIdOrName(session: AwsSession, thing: NamedThing): ApigwError {
  const suggestions = closestMatches(thing.wanted, thing.names.filter(Boolean))
  const where = session.options.sandbox ? 'in the sandbox' : `in region ${session.settings.region}`
  return new ApigwError(`No ${thing.what} with id or name "${thing.wanted}" ${where}.`, {
    code: thing.code,
    exitCode: ExitCode.notFound,
    suggestions: [
      ...(suggestions.length > 0 ? [`Did you mean: ${suggestions.join(', ')}?`] : []),
      session.options.sandbox ? `Try: apigw ${thing.list} --sandbox` : `Try: apigw ${thing.list} (or another --region)`,
    ],
  })
}
