import jmespath from 'jmespath'
import {usageError} from '../../lib/errors.js'

// jmespath exports compile(), which its type definitions leave out.
const {compile} = jmespath as typeof jmespath & {compile(expression: string): unknown}

/** --query: a JMESPath expression applied to the JSON form of a result (AWS CLI semantics). */
export function applyQuery(data: unknown, query: string): unknown {
  compileQuery(query)
  return jmespath.search(data as never, query)
}

/** Checks the expression alone, so a typo fails before any AWS call. */
export function compileQuery(query: string): void {
  try {
    compile(query)
  } catch (error) {
    throw usageError(
      `--query "${query}" is not a valid JMESPath expression: ${(error as Error).message}`,
      ["Try: --query 'apis[].name' (JMESPath, as in the AWS CLI)"],
      'INVALID_QUERY',
    )
  }
}
