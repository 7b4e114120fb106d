/**
 * The AWS layer: the session (profile, region, endpoint, credentials, retries) and the narrow gateways
 * over the SDK clients, which the session loads lazily (only their types are exported here), the
 * exactly-once machinery for creates, and the mapping of AWS errors to apigw's.
 * The public door of lib/aws: code outside this folder imports from here, never from its files.
 */
export type {AcmGateway, CertificateDates} from './acm-gateway.js'
export type {CloudWatchGateway, Metric, MetricDataQuery, MetricDataResult} from './cloudwatch-gateway.js'
export {MAX_QUERIES_PER_CALL} from './cloudwatch-limits.js'
export type {LogEvent, LogGroup, LogsGateway, QueryResults} from './logs-gateway.js'
export type {ApisBefore} from './exactly-once.js'
export {configuredOutput} from './profile-settings.js'
export type {ApiKey, Deployment, DomainName, MethodSetting, PatchOperation, Resource, RestApi, RestGateway, Stage, UsagePlan} from './rest-gateway.js'
export {AwsSession} from './session.js'
export type {SessionOptions} from './session.js'
export {dnsSuffix} from './settings.js'
export type {CallerIdentity} from './sts-gateway.js'
export type {ServiceName} from './settings.js'
export type {Env} from './shared-config.js'
export type {Api, ApiMapping, CustomDomain, Integration, Route, V2Deployment, V2RouteSettings, V2Stage, V2UpdateStageInput} from './v2-gateway.js'
