import {AwsServiceError} from '../http.js'

/**
 * CloudWatch's errors, named by their shape in the service model (what `__type` carries). CloudWatch
 * is awsQueryCompatible: clients read the old Query error code from `x-amzn-query-error`, so each
 * shape also has that code and who is at fault.
 */
const QUERY_CODES: Record<string, {code: string; fault: 'Sender' | 'Receiver'}> = {
  InvalidParameterValueException: {code: 'InvalidParameterValue', fault: 'Sender'},
  InvalidParameterCombinationException: {code: 'InvalidParameterCombination', fault: 'Sender'},
  MissingRequiredParameterException: {code: 'MissingParameter', fault: 'Sender'},
  InvalidNextToken: {code: 'InvalidNextToken', fault: 'Sender'},
  ThrottlingException: {code: 'Throttling', fault: 'Sender'},
  ServiceUnavailableException: {code: 'ServiceUnavailable', fault: 'Receiver'},
  InternalServiceFault: {code: 'InternalServiceError', fault: 'Receiver'},
}

const NAMESPACE = 'com.amazonaws.cloudwatch#'
/** Throttling is not in CloudWatch's model; AWS sends the shared availability shape. */
const THROTTLING_TYPE = 'com.amazon.coral.availability#ThrottlingException'

export const invalidValue = (message: string) => new AwsServiceError(400, 'InvalidParameterValueException', message)
export const invalidCombination = (message: string) => new AwsServiceError(400, 'InvalidParameterCombinationException', message)
export const missingParameter = (name: string) =>
  new AwsServiceError(400, 'MissingRequiredParameterException', `The parameter ${name} is required.`)
export const invalidNextToken = () => new AwsServiceError(400, 'InvalidNextToken', 'The service cannot process the NextToken.')
export const serializationError = (message: string) => new AwsServiceError(400, 'SerializationException', message)

/** The error as CloudWatch sends it: status, `__type`, message and the query-compatibility header. */
export interface CloudWatchError {
  status: number
  type: string
  message: string
  headers: Record<string, string>
}

/**
 * Translates any sandbox error, including the server's injected faults (429 TooManyRequestsException,
 * 503 ServiceUnavailableException, 500s), into what CloudWatch clients recognise.
 */
export function toCloudWatchError(error: AwsServiceError): CloudWatchError {
  if (error.status === 429) return withQueryCode(400, 'ThrottlingException', 'Rate exceeded')
  if (error.status === 503) return withQueryCode(503, 'ServiceUnavailableException', error.message)
  if (error.status >= 500 && !Object.hasOwn(QUERY_CODES, error.type)) return withQueryCode(500, 'InternalServiceFault', error.message)
  return withQueryCode(error.status, error.type, error.message)
}

function withQueryCode(status: number, shape: string, message: string): CloudWatchError {
  const {code, fault} = Object.hasOwn(QUERY_CODES, shape) ? QUERY_CODES[shape] : {code: shape, fault: status >= 500 ? 'Receiver' : 'Sender'}
  const type = shape === 'ThrottlingException' ? THROTTLING_TYPE : `${NAMESPACE}${shape}`
  return {status, type, message, headers: {'x-amzn-query-error': `${code};${fault}`}}
}
