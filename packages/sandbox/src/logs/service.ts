import type {SandboxContext} from '../context.js'
import {AwsServiceError, jsonBody, type SandboxRequest, type SandboxResponse} from '../http.js'
import {toLogsError} from './errors.js'
import {createLogGroup, createLogStream, deleteLogGroup, describeLogGroups, describeLogStreams, putLogEvents} from './groups.js'
import type {Input} from './input.js'
import {getQueryResults, startQuery, stopQuery} from './insights.js'
import {filterLogEvents, getLogEvents} from './read.js'

/** The X-Amz-Target prefix of CloudWatch Logs' operations (AWS JSON 1.1, as every current SDK sends them). */
export const LOGS_TARGET = 'Logs_20140328.'

type Operation = (context: SandboxContext, input: Input) => Record<string, unknown>

const OPERATIONS: Record<string, Operation> = {
  CreateLogGroup: createLogGroup,
  DeleteLogGroup: deleteLogGroup,
  DescribeLogGroups: describeLogGroups,
  CreateLogStream: createLogStream,
  DescribeLogStreams: describeLogStreams,
  PutLogEvents: putLogEvents,
  FilterLogEvents: filterLogEvents,
  GetLogEvents: getLogEvents,
  StartQuery: startQuery,
  GetQueryResults: getQueryResults,
  StopQuery: stopQuery,
}

/** The operations the sandbox serves (the operation table and the coverage generator read it). */
export const LOGS_OPERATION_NAMES = Object.keys(OPERATIONS)

export interface LogsService {
  handle(operation: string, request: SandboxRequest): SandboxResponse
}

const JSON_11 = {'content-type': 'application/x-amz-json-1.1'}

export function logsService(context: SandboxContext): LogsService {
  return {
    handle(operation, request) {
      const run = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined
      if (!run) throw new AwsServiceError(400, 'UnknownOperationException', `The sandbox does not implement the CloudWatch Logs operation ${operation}.`)
      return {status: 200, body: run(context, jsonBody<Input>(request)), headers: JSON_11}
    },
  }
}

/** An error as a Logs client reads it: `__type` and `message` in an AWS JSON 1.1 body. */
export function logsErrorResponse(error: AwsServiceError): SandboxResponse {
  const {status, type, message} = toLogsError(error)
  return {status, body: {__type: type, message}, headers: JSON_11}
}
