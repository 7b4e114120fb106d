import type {SandboxContext} from '../context.js'
import {AwsServiceError, type SandboxRequest, type SandboxResponse} from '../http.js'

/** AWS JSON 1.0 (the JS SDK) or RPC v2 CBOR (boto3 and the AWS CLI). */
export type CloudWatchProtocol = 'json' | 'cbor'

export interface CloudWatchService {
  handle(protocol: CloudWatchProtocol, operation: string, request: SandboxRequest): Promise<SandboxResponse>
  errorResponse(protocol: CloudWatchProtocol, error: AwsServiceError): SandboxResponse
}

/** Placeholder until the CloudWatch service lands. */
export function cloudWatchService(_context: SandboxContext): CloudWatchService {
  return {
    async handle(_protocol, operation) {
      throw new AwsServiceError(400, 'UnknownOperationException', `Unknown operation ${operation}`)
    },
    errorResponse: (_protocol, error) => ({status: error.status, body: {__type: error.type, message: error.message}}),
  }
}
