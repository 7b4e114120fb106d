import {parseTags} from '../apis/index.js'
import {usageError} from '../errors.js'
import {keyNameProblem} from './limits.js'
import {checkValueFileFree} from './value-file.js'
import {readKeyValue, type ValueSource} from './value-source.js'

/** What the operator typed for `keys create`. */
export interface CreateKeyOptions {
  name: string
  description?: string
  /** Usage plan ids or names. */
  plans: string[]
  customerId?: string
  enabled: boolean
  /** Where a supplied value comes from; none: AWS generates one. */
  value: ValueSource
  /** Write the value to this new file (0600). */
  out?: string
  showValue: boolean
  /** `key=value`, as typed. */
  tags: string[]
}

/** The same, checked, with the value read. */
export interface CreateKeyRequest extends Omit<CreateKeyOptions, 'value' | 'tags'> {
  /** Supplied by the operator; undefined: AWS generates it. */
  value?: string
  tags: Record<string, string>
}

/** Everything that can be checked without AWS, with AWS's wording where AWS has a rule; a problem is exit 2 (exit 5 for an existing --out file). */
export async function checkKeyCreateOptions(options: CreateKeyOptions): Promise<CreateKeyRequest> {
  if (options.name.trim() === '') throw usageError('--name is empty: a key needs a name, to be found again.', ['Try: apigw keys create --name partner-acme'], 'INVALID_KEY_NAME')
  const nameProblem = keyNameProblem(options.name)
  if (nameProblem) throw usageError(`${nameProblem} (--name has ${options.name.length}).`, ['Try: a shorter --name'], 'INVALID_KEY_NAME')
  if (options.description === '') throw usageError('--description is empty.', ['Try: leave --description out, or give it some text'], 'INVALID_DESCRIPTION')
  if (options.customerId === '') throw usageError('--customer is empty.', ['Try: leave --customer out, or give the customer id (e.g. an AWS Marketplace customer)'], 'INVALID_CUSTOMER_ID')
  const tags = parseTags(options.tags)
  if (options.out !== undefined) await checkValueFileFree(options.out)
  const value = await readKeyValue(options.value)
  return {...options, value, tags}
}
