import {describe, expect, it} from 'vitest'
import {findProblems} from '../../packages/cli/src/lib/doctor/audit.js'
import {CHECKS} from '../../packages/cli/src/lib/doctor/checks.js'
import type {ApiFacts, Inventory, Operation} from '../../packages/cli/src/lib/doctor/inventory.js'
import {settingsOf} from '../../packages/cli/src/lib/stages/index.js'
import type {FoundStage} from '../../packages/cli/src/lib/catalog/index.js'

/** The checks on inventories made by hand: the edges the sandbox tests do not reach. */
const restStage = (raw: Record<string, unknown>): FoundStage => ({kind: 'rest', raw: {stageName: 'prod', ...raw}, summary: {name: 'prod'}}) as unknown as FoundStage
const operation = (route: string, fields: Partial<Operation> = {}): Operation => ({route, authorizationType: 'NONE', apiKeyRequired: false, cacheKeyParameters: [], ...fields})

function inventory(api: Partial<Omit<ApiFacts, 'stages'>> & {stages?: FoundStage[]}, rest: Partial<Inventory> = {}): Inventory {
  const type = api.api?.type ?? 'rest'
  const facts: ApiFacts = {
    entry: {type, api: {}} as ApiFacts['entry'],
    api: {id: 'a1', name: 'shop', type},
    operations: [],
    deploymentIds: [],
    policy: null,
    endpointTypes: ['REGIONAL'],
    ...api,
    stages: (api.stages ?? []).map((stage) => ({stage, name: stage.summary.name, settings: settingsOf(stage).current, tags: {}})),
  }
  return {region: 'eu-west-1', apis: [facts], usagePlans: [], plansInScope: [], domains: [], ...rest}
}
const run = (ids: string[], inv: Inventory) => findProblems(CHECKS.filter((check) => ids.includes(check.id)), inv)

describe('doctor checks', () => {
  it('method-authorization skips CORS preflights, and on WebSocket APIs looks only at $connect', () => {
    const rest = run(['method-authorization'], inventory({operations: [operation('OPTIONS /pets'), operation('GET /pets'), operation('POST /pets', {authorizationType: 'CUSTOM'})]}))
    expect(rest.map((finding) => finding.resource)).toEqual(['method GET /pets'])
    const ws = run(['method-authorization'], inventory({api: {id: 'w1', name: 'chat', type: 'websocket'}, operations: [operation('$connect'), operation('sendmessage'), operation('$default')]}))
    expect(ws.map((finding) => finding.resource)).toEqual(['route $connect'])
  })

  it('secrets-in-variables: keys, private keys and secret-named values, not ARNs, references or short flags', () => {
    const stage = restStage({
      variables: {
        deployKey: 'AKIAIOSFODNN7EXAMPLE',
        cert: '-----BEGIN RSA PRIVATE KEY-----MIIE',
        dbPassword: 'hunter2hunter2',
        tokenArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db',
        api_key: '${stageVariables.x}',
        password_required: 'yes',
        backend: 'https://example.com',
      },
    })
    const found = run(['secrets-in-variables'], inventory({stages: [stage]}))
    expect(found.map((finding) => finding.detail)).toEqual(['stage variable "deployKey" looks like a secret', 'stage variable "cert" looks like a secret', 'stage variable "dbPassword" looks like a secret'])
  })

  it('throttle-default: unset or the account default fails; a stage-wide limit passes', () => {
    const of = (methodSettings: Record<string, unknown>) => run(['throttle-default'], inventory({stages: [restStage({methodSettings})]})).length
    expect(of({})).toBe(1)
    expect(of({'*/*': {throttlingRateLimit: 10000, throttlingBurstLimit: 5000}})).toBe(1)
    expect(of({'*/*': {throttlingRateLimit: 500, throttlingBurstLimit: 100}})).toBe(0)
  })

  it('domain-tls: TLS_1_0 fails; TLS_1_2 and the newer TLS 1.3 policies pass', () => {
    const of = (securityPolicy: string) => run(['domain-tls'], inventory({}, {domains: [{domainName: 'api.example.com', securityPolicy: securityPolicy as never}]})).length
    expect([of('TLS_1_0'), of('TLS_1_2'), of('SecurityPolicy_TLS13_1_3_2025_09')]).toEqual([1, 0, 0])
  })

  it('waf-missing and public-without-auth leave PRIVATE APIs alone; a resource policy answers public-without-auth', () => {
    const stages = [restStage({})]
    const ops = [operation('GET /pets')]
    expect(run(['waf-missing', 'public-without-auth'], inventory({stages, operations: ops})).map((finding) => finding.check)).toEqual(['public-without-auth', 'waf-missing'])
    expect(run(['waf-missing', 'public-without-auth'], inventory({stages, operations: ops, endpointTypes: ['PRIVATE']}))).toEqual([])
    // The fix names the stage's ARN in the region audited, ready to run.
    const [waf] = run(['waf-missing'], inventory({stages, operations: ops}))
    expect(waf.fix).toBe('aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod')
    expect(run(['public-without-auth'], inventory({stages, operations: ops, policy: '{"Statement":[]}'}))).toEqual([])
  })

  it('cache-key-without-api-key: a cached keyed GET without the key in its cache key; with it, nothing', () => {
    const stage = restStage({cacheClusterEnabled: true, methodSettings: {'*/*': {cachingEnabled: true, cacheDataEncrypted: true}}})
    const keyed = (cacheKeyParameters: string[]) => run(['cache-key-without-api-key'], inventory({stages: [stage], operations: [operation('GET /pets', {apiKeyRequired: true, cacheKeyParameters})]})).length
    expect(keyed([])).toBe(1)
    expect(keyed(['method.request.header.x-api-key'])).toBe(0)
  })
})
