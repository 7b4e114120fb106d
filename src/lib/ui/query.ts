import jmespath from 'jmespath'
import {usageError} from '../errors.js'

/** --query: a JMESPath expression applied to the JSON form of a result (AWS CLI semantics). */
export function applyQuery(data: unknown, query: string): unknown {
  try {
    return jmespath.search(data as never, query)
  } catch (error) {
    throw usageError(
      `--query "${query}" is not a valid JMESPath expression: ${(error as Error).message}`,
      ["Try: --query 'apis[].name' (JMESPath, as in the AWS CLI)"],
      'INVALID_QUERY',
    )
  }
}
