import type {AwsSession, CallerIdentity} from '../aws/index.js'
import type {ChangeStep} from '../change/index.js'
import type {ApiFacts, StageFacts} from './inventory.js'

/** The log group `doctor --fix` makes for a stage's access logs when no --access-log is given. */
export interface AccessLogGroup {
  name: string
  /** As UpdateStage's /accessLogSettings/destinationArn takes it: without DescribeLogGroups' trailing `:*`. */
  arn: string
}

/**
 * `/aws/apigateway/<api id>/<stage>` (docs/doctor.md#the-access-log-group): the API's id, not its name, because
 * names repeat and may hold characters a group name cannot (docs/aws-behaviour.md#log-group-names);
 * `$default` becomes `default`, and any other character outside the rule `_`.
 */
export function accessLogGroup(session: AwsSession, identity: CallerIdentity, api: ApiFacts, stage: StageFacts): AccessLogGroup {
  const stagePart = stage.name.replace(/^\$/, '').replace(/[^.\-_/#A-Za-z0-9]/g, '_')
  const name = `/aws/apigateway/${api.api.id}/${stagePart}`
  // The caller's own ARN names the partition (aws, aws-cn, aws-us-gov).
  const partition = identity.arn.split(':')[1] || 'aws'
  return {name, arn: `arn:${partition}:logs:${session.settings.region}:${identity.account}:log-group:${name}`}
}

/** CreateLogGroup as a step of the fix, before the UpdateStage that points the stage at it. */
export function createLogGroupStep(session: AwsSession, group: AccessLogGroup, stageName: string): ChangeStep {
  return {
    service: 'logs',
    operation: 'CreateLogGroup',
    input: {logGroupName: group.name},
    summary: `create log group ${group.name} for the access logs of stage "${stageName}" (kept if it exists)`,
    run: async () => (await session.logs()).createLogGroup(group.name),
  }
}
