/**
 * The regions API Gateway is offered in (`--regions all`), the commercial partition only: China and
 * GovCloud need accounts of their own. Source: the API Gateway endpoints and quotas page,
 * https://docs.aws.amazon.com/general/latest/gr/apigateway.html, as apigw's authors knew it in
 * June 2025 (written without network access: check it there when a region is missing).
 * `optIn`: regions an account must enable first; until then AWS refuses their calls
 * (UnrecognizedClientException, docs/aws-behaviour.md#opt-in-regions-refuse-calls-until-enabled),
 * which fleet views report on the region's own row.
 */
export const LIST_DATE = '2025-06'
export const LIST_SOURCE = 'https://docs.aws.amazon.com/general/latest/gr/apigateway.html'

export const API_GATEWAY_REGIONS: ReadonlyArray<{name: string; optIn: boolean}> = [
  ...['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1'].map((name) => ({name, optIn: false})),
  ...['eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1'].map((name) => ({name, optIn: false})),
  ...['ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2'].map((name) => ({name, optIn: false})),
  ...['af-south-1', 'ap-east-1', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ca-west-1'].map((name) => ({name, optIn: true})),
  ...['eu-central-2', 'eu-south-1', 'eu-south-2', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1'].map((name) => ({name, optIn: true})),
]
