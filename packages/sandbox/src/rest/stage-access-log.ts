import {badRequest} from '../http.js'
import type {StageRecord} from '../model.js'

/**
 * UpdateStage's access log paths (docs/aws-behaviour.md#access-log-settings-are-set-one-field-at-a-time):
 * `add`/`replace` set `/accessLogSettings/destinationArn` or `/accessLogSettings/format`, one at a
 * time; only the whole `/accessLogSettings` can be removed.
 */

const ACCESS_LOG = '/accessLogSettings'
const FIELDS = ['destinationArn', 'format'] as const

export const isAccessLogPath = (path: string) => path === ACCESS_LOG || path.startsWith(`${ACCESS_LOG}/`)

export function applyAccessLogOperation(stage: StageRecord, op: 'add' | 'replace' | 'remove', path: string, value: string | undefined): void {
  if (op === 'remove') {
    // AWS's message has a trailing space.
    if (path !== ACCESS_LOG) throw badRequest(`Cannot remove method setting ${path.slice(1)} because there is no method setting for this method `)
    delete stage.accessLogSettings
    return
  }
  const field = FIELDS.find((name) => path === `${ACCESS_LOG}/${name}`)
  if (!field) throw badRequest(`Invalid accessLogSettings path. Must be one of : [${FIELDS.map((name) => `${ACCESS_LOG}/${name}`).join(', ')}]`)
  if (!value) throw badRequest('Access Log value must not be empty')
  if (field === 'destinationArn') checkDestination(value)
  else checkFormat(value)
  stage.accessLogSettings = {...stage.accessLogSettings, [field]: value}
}

/** A CloudWatch Logs log group, or a Firehose stream whose name starts `amazon-apigateway-`, as AWS documents. */
function checkDestination(arn: string): void {
  const [prefix, , service, , , ...rest] = arn.split(':')
  if (prefix !== 'arn' || rest.length === 0) throw badRequest('Invalid ARN specified in the request')
  const resource = rest.join(':')
  const logGroup = service === 'logs' && /^log-group:[^:*]+$/.test(resource)
  const firehose = service === 'firehose' && resource.startsWith('deliverystream/amazon-apigateway-')
  if (!logGroup && !firehose)
    throw badRequest(`Invalid access log destination ${arn}: must be a CloudWatch Logs log group ARN, or a Kinesis Data Firehose delivery stream ARN whose name begins with amazon-apigateway-`)
}

function checkFormat(format: string): void {
  if (!/\$context\.(requestId|extendedRequestId)\b/.test(format)) throw badRequest('Access log format must include at least $context.requestId or $context.extendedRequestId')
}
