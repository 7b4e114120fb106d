import type {DomainName, UsagePlan} from '../aws/index.js'
import type {SettingsRequest, Throttle} from '../stages/index.js'
import {shellQuote} from '../util/shell.js'
import type {ApiFacts, Inventory, StageFacts} from './inventory.js'

/**
 * The production checklist as data: each check says what it finds, why it matters, how it is
 * fixed, and which Security Hub, Control Tower, Prowler and Checkov ids it matches (their sources
 * are in docs/doctor.md). A check inspects one scope: a stage, an API, a usage plan or a domain.
 */

export const SEVERITIES = ['high', 'medium', 'low'] as const
export type CheckSeverity = (typeof SEVERITIES)[number]

export interface Mappings {
  securityHub?: string
  controlTower?: string
  prowler?: string
  checkov?: string
}

/** One problem a check found, before it is placed (resource, fix). */
export interface Problem {
  /** "stage prod", "method GET /pets", "usage plan gold", "domain api.example.com". */
  resource: string
  /** What is wrong, in one line. */
  detail: string
  /** The command (or steps) that fixes it. */
  fix: string
}

export interface StageContext {
  api: ApiFacts
  stage: StageFacts
  inventory: Inventory
}

export interface Check {
  id: string
  severity: CheckSeverity
  title: string
  why: string
  mappings: Mappings
  stage?(context: StageContext): Problem[]
  api?(api: ApiFacts): Problem[]
  plan?(plan: UsagePlan): Problem[]
  domain?(domain: DomainName): Problem[]
  /**
   * Fixable by `doctor --fix`: what fixes it on one stage, settings (stages set's request) or tags;
   * undefined when the fix needs something the operator did not give (--access-log, --tag).
   */
  fix?(context: StageContext, given: FixInput): StageFix | undefined
}

/** What the operator gives `doctor --fix`. */
export interface FixInput {
  accessLogArn?: string
  tags: Record<string, string>
}

export interface StageFix {
  settings?: Partial<SettingsRequest>
  tags?: Record<string, string>
}

const q = (value: string) => shellQuote(value)
const stageSet = ({api, stage}: StageContext, flags: string) => `apigw stages set --api ${q(api.api.id)} --stage ${q(stage.name)} ${flags}`
const doctorFix = ({api, stage}: StageContext, id: string) => `apigw doctor --fix --api ${q(api.api.id)} --stage ${q(stage.name)} --checks ${id}`
const stageProblem = (context: StageContext, detail: string, fix: string): Problem[] => [{resource: `stage ${context.stage.name}`, detail, fix}]
const isRest = (context: StageContext) => context.api.api.type === 'rest'
/** CORS preflights answer without authorization by design. */
const needsAuthorization = (api: ApiFacts, route: string, authorizationType: string) =>
  authorizationType === 'NONE' && !route.startsWith('OPTIONS ') && (api.api.type !== 'websocket' || route === '$connect')

/** AWS access key ids, private keys, and tokens or passwords by a variable's name. */
const SECRET_VALUES = [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, /\bgh[pousr]_[A-Za-z0-9]{20,}\b/, /\bxox[abpr]-[A-Za-z0-9-]{10,}/]
const SECRET_NAMES = /pass(word|wd)?|secret|token|api_?key|private_?key|credential/i

function secretVariables(variables: Record<string, string>): string[] {
  return Object.entries(variables)
    .filter(([name, value]) => SECRET_VALUES.some((pattern) => pattern.test(value)) || (SECRET_NAMES.test(name) && value.length >= 8 && !/^(arn:|\$\{)/.test(value)))
    .map(([name]) => name)
}

/**
 * Unset, or the values a REST method settings entry takes when another setting creates it: the
 * account's own limits (docs/aws-behaviour.md#method-settings-defaults).
 */
function atAccountDefault(throttle: Throttle | null): boolean {
  return throttle?.rateLimit == null || (throttle.rateLimit === 10000 && throttle.burstLimit === 5000)
}

/** Unused REST deployments beyond this many are worth a cleanup. */
export const UNUSED_DEPLOYMENTS_LIMIT = 10

/** What `--fix` sets stage throttling to when it was left at the account default. */
export const FIX_THROTTLE = {rateLimit: 1000, burstLimit: 500}

export const CHECKS: Check[] = [
  {
    id: 'method-authorization',
    severity: 'medium',
    title: 'a REST method or a v2 route has no authorization',
    why: 'anyone who finds the URL can call it; authorization is decided per method or route',
    mappings: {securityHub: 'APIGateway.8', controlTower: 'CT.APIGATEWAY.PR.5', prowler: 'apigateway_restapi_authorizers_enabled', checkov: 'CKV_AWS_59, CKV_AWS_309'},
    api: (api) =>
      api.operations
        .filter((operation) => needsAuthorization(api, operation.route, operation.authorizationType))
        .map((operation) => ({
          resource: `${api.api.type === 'rest' ? 'method' : 'route'} ${operation.route}`,
          detail: `${operation.route} has authorization NONE`,
          fix: `attach an authorizer or IAM authorization to ${operation.route} in the API definition, then apigw deploy (apigw apis routes --api ${q(api.api.id)} lists them)`,
        })),
  },
  {
    id: 'api-key-without-plan',
    severity: 'high',
    title: 'methods require an API key but the stage is in no usage plan',
    // docs/aws-behaviour.md#a-required-api-key-works-only-through-a-usage-plan
    why: 'a key only works through a usage plan of the stage: every call to those methods gets 403',
    mappings: {},
    stage: (context) => {
      if (!context.api.operations.some((operation) => operation.apiKeyRequired)) return []
      const covered = context.inventory.usagePlans.some((plan) => plan.apiStages?.some((apiStage) => apiStage.apiId === context.api.api.id && apiStage.stage === context.stage.name))
      return covered ? [] : stageProblem(context, 'API keys are required, but no usage plan covers this stage', `apigw plans set <plan> --add-stage ${q(`${context.api.api.id}:${context.stage.name}`)}`)
    },
  },
  {
    id: 'execution-logging-off',
    severity: 'medium',
    title: 'execution logging is off',
    why: 'without execution logs, failed integrations and authorizer errors leave no trace to debug',
    mappings: {securityHub: 'APIGateway.1', controlTower: 'CT.APIGATEWAY.PR.1', prowler: 'apigateway_restapi_logging_enabled', checkov: 'CKV2_AWS_4'},
    stage: (context) =>
      context.api.api.type === 'http' || (context.stage.settings.defaults.logging ?? 'OFF') !== 'OFF' ? [] : stageProblem(context, 'execution logging level is OFF', doctorFix(context, 'execution-logging-off')),
    fix: () => ({settings: {logging: 'ERROR'}}),
  },
  {
    id: 'data-trace-on',
    severity: 'medium',
    title: 'data trace logs full requests and responses',
    why: 'request and response bodies, with their tokens and personal data, end up in CloudWatch Logs',
    mappings: {checkov: 'CKV_AWS_276'},
    stage: (context) => (context.stage.settings.defaults.dataTrace === true ? stageProblem(context, 'data trace is on for every method', doctorFix(context, 'data-trace-on')) : []),
    fix: () => ({settings: {dataTrace: false}}),
  },
  {
    id: 'access-logging-off',
    severity: 'medium',
    title: 'access logging is off',
    why: 'no record of who called what, from where, with which result',
    mappings: {securityHub: 'APIGateway.9', controlTower: 'CT.APIGATEWAY.PR.4', prowler: 'apigatewayv2_api_access_logging_enabled', checkov: 'CKV_AWS_76, CKV_AWS_95'},
    stage: (context) =>
      context.stage.settings.accessLog?.destinationArn ? [] : stageProblem(context, 'access logging has no destination', doctorFix(context, 'access-logging-off')),
    // Without --access-log, fix.ts gives the ARN of a group it makes for the stage.
    fix: (_context, given) => (given.accessLogArn ? {settings: {accessLog: {destinationArn: given.accessLogArn, format: 'json'}}} : undefined),
  },
  {
    id: 'xray-off',
    severity: 'low',
    title: 'X-Ray tracing is off',
    why: 'latency cannot be followed from the gateway into the backend',
    mappings: {securityHub: 'APIGateway.3', controlTower: 'CT.APIGATEWAY.PR.2', prowler: 'apigateway_restapi_tracing_enabled', checkov: 'CKV_AWS_73'},
    stage: (context) => (isRest(context) && context.stage.settings.tracing !== true ? stageProblem(context, 'X-Ray tracing is off', doctorFix(context, 'xray-off')) : []),
    fix: () => ({settings: {tracing: true}}),
  },
  {
    id: 'waf-missing',
    severity: 'medium',
    title: 'a public REST stage has no WAF web ACL',
    // The stage's webAclArn: docs/aws-behaviour.md#a-rest-stage-shows-its-waf-web-acl
    why: 'nothing filters SQL injection, bad bots or floods before they reach the backend',
    mappings: {securityHub: 'APIGateway.4', prowler: 'apigateway_restapi_waf_acl_attached', checkov: 'CKV2_AWS_29'},
    stage: (context) => {
      const {stage, api, inventory} = context
      if (!isRest(context) || api.endpointTypes.includes('PRIVATE') || stage.stage.kind !== 'rest' || stage.stage.raw.webAclArn) return []
      const arn = `arn:aws:apigateway:${inventory.region}::/restapis/${api.api.id}/stages/${stage.name}`
      return stageProblem(context, 'no WAF web ACL is associated', `aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn ${q(arn)}`)
    },
  },
  {
    id: 'cache-unencrypted',
    severity: 'medium',
    title: 'cached responses are not encrypted',
    why: 'responses sit unencrypted at rest in the cache cluster',
    mappings: {securityHub: 'APIGateway.5', controlTower: 'CT.APIGATEWAY.PR.3', prowler: 'apigateway_restapi_cache_encrypted', checkov: 'CKV_AWS_308'},
    stage: (context) => {
      const {settings} = context.stage
      if (!isRest(context) || !settings.cacheCluster?.enabled) return []
      const caching = settings.defaults.caching
      return caching?.enabled && caching.dataEncrypted !== true ? stageProblem(context, 'caching is on and its data is not encrypted', doctorFix(context, 'cache-unencrypted')) : []
    },
    fix: () => ({settings: {caching: {dataEncrypted: true}}}),
  },
  {
    id: 'client-certificate-missing',
    severity: 'low',
    title: 'no client certificate for the backend',
    why: 'the backend cannot tell that a request came from API Gateway',
    mappings: {securityHub: 'APIGateway.2', prowler: 'apigateway_restapi_client_certificate_enabled', checkov: 'CKV2_AWS_51'},
    stage: (context) =>
      context.stage.stage.kind === 'rest' && !context.stage.stage.raw.clientCertificateId
        ? stageProblem(
            context,
            'no client certificate',
            `aws apigateway generate-client-certificate, then aws apigateway update-stage --rest-api-id ${q(context.api.api.id)} --stage-name ${q(context.stage.name)} --patch-operations op=replace,path=/clientCertificateId,value=<id>`,
          )
        : [],
  },
  {
    id: 'throttle-default',
    severity: 'low',
    title: 'stage throttling is left at the account default',
    // docs/aws-behaviour.md#account-throttling-is-shared-by-every-api-of-a-region
    why: 'one client can use the whole account-wide limit shared by every API in the region',
    mappings: {},
    stage: (context) => (atAccountDefault(context.stage.settings.defaults.throttle) ? stageProblem(context, 'no stage-wide throttle below the account default', doctorFix(context, 'throttle-default')) : []),
    fix: () => ({settings: {throttle: FIX_THROTTLE}}),
  },
  {
    id: 'plan-unlimited',
    severity: 'medium',
    title: 'a usage plan has neither quota nor throttle',
    why: 'its keys are limited by nothing but the account: the plan does not plan anything',
    mappings: {},
    plan: (plan) =>
      plan.quota || plan.throttle
        ? []
        : [{resource: `usage plan ${plan.name ?? plan.id}`, detail: 'no quota and no throttle', fix: `apigw plans set ${q(plan.id ?? '')} --throttle 100:200 --quota 100000/month`}],
  },
  {
    id: 'secrets-in-variables',
    severity: 'high',
    title: 'a stage variable holds a secret',
    why: 'stage variables are readable by anyone who can read the stage, and appear in exports and logs',
    mappings: {checkov: 'CKV_SECRET_2, CKV_SECRET_13 (secrets scan)'},
    stage: (context) =>
      secretVariables(context.stage.settings.variables).map((name) => ({
        resource: `stage ${context.stage.name}`,
        detail: `stage variable "${name}" looks like a secret`,
        fix: `move it to Secrets Manager, then ${stageSet(context, `--unset-var ${q(name)}`)}`,
      })),
  },
  {
    id: 'public-without-auth',
    severity: 'high',
    title: 'a public API has neither a resource policy nor an authorizer',
    why: 'the whole API is open to the internet; nothing but the URL stands in the way',
    mappings: {prowler: 'apigateway_restapi_public_with_authorizer'},
    api: (api) => {
      if (api.api.type !== 'rest' || api.endpointTypes.includes('PRIVATE') || api.policy) return []
      if (api.operations.length === 0 || api.operations.some((operation) => operation.authorizationType !== 'NONE')) return []
      return [{resource: `API ${api.api.name}`, detail: 'public endpoint, no resource policy, no method authorized', fix: 'add a resource policy or an authorizer to the API definition, then apigw deploy'}]
    },
  },
  {
    id: 'domain-tls',
    severity: 'high',
    title: 'a custom domain accepts TLS below 1.2',
    // The security policies: docs/aws-behaviour.md#what-a-custom-domain-name-answers
    why: 'TLS 1.0 and 1.1 have known weaknesses and are refused by compliance standards',
    mappings: {controlTower: 'CT.APIGATEWAY.PR.6', checkov: 'CKV_AWS_206'},
    domain: (domain) =>
      domain.securityPolicy && domain.securityPolicy !== 'TLS_1_2' && !domain.securityPolicy.includes('1_2') && !domain.securityPolicy.includes('1_3')
        ? [
            {
              resource: `domain ${domain.domainName}`,
              detail: `security policy ${domain.securityPolicy}`,
              fix: `aws apigateway update-domain-name --domain-name ${q(domain.domainName ?? '')} --patch-operations op=replace,path=/securityPolicy,value=TLS_1_2`,
            },
          ]
        : [],
  },
  {
    id: 'unused-deployments',
    severity: 'low',
    title: 'many deployments no stage uses',
    why: 'every deployment counts toward a quota, and old ones hide which snapshot is live',
    mappings: {},
    api: (api) => {
      const used = new Set(api.stages.flatMap(({stage}) => (stage.kind === 'rest' ? [stage.raw.deploymentId, stage.raw.canarySettings?.deploymentId] : [stage.raw.DeploymentId])))
      const unused = api.deploymentIds.filter((id) => !used.has(id)).length
      const remove = api.api.type === 'rest' ? `aws apigateway delete-deployment --rest-api-id ${q(api.api.id)}` : `aws apigatewayv2 delete-deployment --api-id ${q(api.api.id)}`
      return unused > UNUSED_DEPLOYMENTS_LIMIT ? [{resource: `API ${api.api.name}`, detail: `${unused} deployments no stage uses`, fix: `${remove} --deployment-id <id> for the old ones`}] : []
    },
  },
  {
    id: 'canary-at-zero',
    severity: 'low',
    title: 'a canary left at 0% after promotion',
    why: 'a canary that takes no traffic only confuses the next release',
    mappings: {},
    stage: (context) => {
      const {stage} = context.stage
      if (stage.kind !== 'rest' || !stage.raw.canarySettings || (stage.raw.canarySettings.percentTraffic ?? 0) > 0) return []
      return stageProblem(context, 'canary settings with 0% of traffic', `apigw canary abort --api ${q(context.api.api.id)} --stage ${q(context.stage.name)}`)
    },
  },
  {
    id: 'detailed-metrics-everywhere',
    severity: 'low',
    title: 'detailed metrics are on for every method',
    why: 'per-method metrics are billed as custom metrics, for every method of the stage',
    mappings: {},
    stage: (context) =>
      context.stage.settings.defaults.metrics === true ? stageProblem(context, 'detailed metrics on for every method', `${stageSet(context, '--metrics off')} (then turn them on for the methods that matter)`) : [],
  },
  {
    id: 'cache-key-without-api-key',
    severity: 'medium',
    title: 'an API-key-protected GET is cached without the key in its cache key',
    // docs/aws-behaviour.md#a-cached-methods-cache-key-is-its-cache-key-parameters
    why: 'one client’s cached response is served to another client with a different key',
    mappings: {},
    stage: (context) => {
      const {settings} = context.stage
      if (!isRest(context) || !settings.cacheCluster?.enabled) return []
      return context.api.operations
        .filter((operation) => operation.route.startsWith('GET ') && operation.apiKeyRequired)
        .filter((operation) => {
          const key = operation.route.replace(/^GET \//, '') + '/GET'
          return (settings.routes[key]?.caching?.enabled ?? settings.defaults.caching?.enabled) === true
        })
        .filter((operation) => !operation.cacheKeyParameters.some((parameter) => parameter.toLowerCase() === 'method.request.header.x-api-key'))
        .map((operation) => ({
          resource: `method ${operation.route}`,
          detail: `${operation.route} on stage ${context.stage.name} is cached without method.request.header.x-api-key in its cache key`,
          fix: 'add method.request.header.x-api-key to the integration\'s cacheKeyParameters in the API definition, then apigw deploy',
        }))
    },
  },
  {
    id: 'untagged-stage',
    severity: 'low',
    title: 'a stage has no tags',
    why: 'nobody can tell its owner, cost centre or environment',
    mappings: {},
    stage: (context) =>
      Object.keys(context.stage.tags).some((key) => !key.startsWith('apigw:') && !key.startsWith('aws:'))
        ? []
        : stageProblem(context, 'no tags', `${doctorFix(context, 'untagged-stage')} --tag owner=<team>`),
    fix: (_context, given) => (Object.keys(given.tags).length > 0 ? {tags: given.tags} : undefined),
  },
]

export const CHECK_IDS = CHECKS.map((check) => check.id)
