import type {SandboxContext} from '../context.js'
import {AwsServiceError, type SandboxRequest, type SandboxResponse} from '../http.js'
import {cborProtocol} from './cbor-protocol.js'
import {toCloudWatchError} from './errors.js'
import {getMetricData} from './get-metric-data.js'
import {getMetricStatistics} from './get-metric-statistics.js'
import type {Input} from './input.js'
import {jsonProtocol} from './json-protocol.js'
import {listMetrics} from './list-metrics.js'
import {putMetricData} from './put-metric-data.js'
import {decompressed, type WireProtocol} from './wire.js'

/** AWS JSON 1.0 (the JS SDK, botocore and the AWS CLI) or RPC v2 CBOR (newer AWS SDKs). */
export type CloudWatchProtocol = 'json' | 'cbor'

export interface CloudWatchService {
  handle(protocol: CloudWatchProtocol, operation: string, request: SandboxRequest): Promise<SandboxResponse>
  errorResponse(protocol: CloudWatchProtocol, error: AwsServiceError): SandboxResponse
}

type Operation = (context: SandboxContext, input: Input) => Record<string, unknown>

const OPERATIONS: Record<string, Operation> = {
  PutMetricData: putMetricData,
  GetMetricData: getMetricData,
  GetMetricStatistics: getMetricStatistics,
  ListMetrics: listMetrics,
}

const PROTOCOLS: Record<CloudWatchProtocol, WireProtocol> = {json: jsonProtocol, cbor: cborProtocol}

/** The CloudWatch operations apigw uses, over both wire protocols, with awsQueryCompatible errors. */
export function cloudWatchService(context: SandboxContext): CloudWatchService {
  return {
    async handle(protocol, operation, request) {
      const run = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined
      if (!run) throw new AwsServiceError(400, 'UnknownOperationException', `The sandbox does not implement the CloudWatch operation ${operation}.`)
      const wire = PROTOCOLS[protocol]
      return wire.encode(200, run(context, wire.decode(decompressed(request))))
    },
    errorResponse(protocol, error) {
      const {status, type, message, headers} = toCloudWatchError(error)
      return PROTOCOLS[protocol].encode(status, {__type: type, message}, headers)
    },
  }
}
