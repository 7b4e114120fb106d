import {AwsServiceError} from '../http.js'

/**
 * CloudWatch Logs' errors as its service model names them (AWS JSON 1.1: `__type` and `message`).
 * docs/aws-behaviour.md#cloudwatch-logs-limits-and-messages
 */
export const invalidParameter = (message: string) => new AwsServiceError(400, 'InvalidParameterException', message)
export const groupNotFound = () => new AwsServiceError(400, 'ResourceNotFoundException', 'The specified log group does not exist.')
export const streamNotFound = () => new AwsServiceError(400, 'ResourceNotFoundException', 'The specified log stream does not exist.')
export const groupExists = () => new AwsServiceError(400, 'ResourceAlreadyExistsException', 'The specified log group already exists')
export const streamExists = () => new AwsServiceError(400, 'ResourceAlreadyExistsException', 'The specified log stream already exists')
export const invalidNextToken = () => invalidParameter('The specified nextToken is invalid.')

/** AWS's one-problem validation message, as Logs words it. */
export const constraintFailed = (parameter: string, value: unknown, constraint: string) =>
  invalidParameter(`1 validation error detected: Value '${String(value)}' at '${parameter}' failed to satisfy constraint: ${constraint}`)

/** Any sandbox error (the server's injected faults too) as a Logs client recognises it. */
export function toLogsError(error: AwsServiceError): {status: number; type: string; message: string} {
  if (error.status === 429) return {status: 400, type: 'ThrottlingException', message: 'Rate exceeded'}
  if (error.status === 503) return {status: 503, type: 'ServiceUnavailableException', message: error.message}
  if (error.status >= 500) return {status: 500, type: 'ServiceUnavailableException', message: error.message}
  return {status: error.status, type: error.type, message: error.message}
}
