import {CreateStageCommand as CreateV2StageCommand, GetApiMappingsCommand, GetDomainNameCommand as GetV2DomainNameCommand} from '@aws-sdk/client-apigatewayv2'
import {CreateStageCommand, GetBasePathMappingCommand, GetDomainNamesCommand} from '@aws-sdk/client-api-gateway'
import {describe, expect, it} from 'vitest'
import {TABLES} from '../../packages/sandbox/src/model.js'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {runCli} from '../helpers/cli.js'
import {driveTraffic} from '../helpers/live-traffic.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli({USER: 'ci'})

const apigw = (...args: string[]) => runCli(args, env)
const json = (stdout: string) => JSON.parse(stdout)
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555'

/** A domain made through the CLI; fails the test unless it was. */
async function createDomain(domain: string, ...extra: string[]): Promise<void> {
  const created = await apigw('domains', 'create', domain, '--certificate-arn', CERT, ...extra, '--json')
  expect(created.code, created.stderr).toBe(0)
}

/** What AWS holds at a path, read through v2 independently of the CLI. */
async function mappingAt(domain: string, key: string) {
  const {Items = []} = await clients.v2.send(new GetApiMappingsCommand({DomainName: domain}))
  return Items.find((item) => (item.ApiMappingKey ?? '') === key)
}

describe('domains create, list, show, delete', () => {
  it('--dry-run writes nothing; create makes a regional TLS 1.2 domain that list and show describe with its mappings', async () => {
    const dry = await apigw('domains', 'create', 'api.shop.test', '--certificate-arn', CERT, '--dry-run', '--json')
    expect(dry.code, dry.stderr).toBe(0)
    expect(json(dry.stdout).plan.steps).toEqual([
      expect.objectContaining({
        operation: 'CreateDomainName',
        input: {DomainName: 'api.shop.test', DomainNameConfigurations: [{CertificateArn: CERT, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2'}]},
      }),
    ])
    expect((await clients.rest.send(new GetDomainNamesCommand({}))).items ?? []).toEqual([])

    const created = await apigw('domains', 'create', 'api.shop.test', '--certificate-arn', CERT, '--json')
    expect(created.code, created.stderr).toBe(0)
    expect(json(created.stdout)).toMatchObject({domainName: 'api.shop.test', endpointType: 'REGIONAL', securityPolicy: 'TLS_1_2', certificateArn: CERT, certificateExpiry: null, mappings: []})
    expect(json(created.stdout).dnsTarget.domainName).toMatch(/^d-[a-z0-9]+\.execute-api\.us-east-1\.amazonaws\.com$/)
    expect(json(created.stdout).dnsTarget.hostedZoneId).toBe('Z1UJRXOUMOOFQ8')
    expect(created.stderr).toContain('Point DNS at it')
    const edgeMtls = await apigw('domains', 'create', 'edge.shop.test', '--certificate-arn', CERT, '--endpoint', 'edge', '--truststore-uri', 's3://certs/truststore.pem')
    expect(edgeMtls.code).toBe(2)
    expect(edgeMtls.stderr).toContain('Mutual TLS (--truststore-uri) is for regional domains with TLS 1.2 only.')
    // Refused before any call: a name that is no domain, an ARN that is no ACM certificate, an edge
    // domain's certificate outside us-east-1 (docs/aws-behaviour.md#what-a-custom-domain-name-needs).
    const before = (await clients.rest.send(new GetDomainNamesCommand({}))).items?.length
    for (const [args, message] of [
      [['bad_name', '--certificate-arn', CERT], '"bad_name" is not a domain name'],
      [['api2.shop.test', '--certificate-arn', 'x'], '--certificate-arn "x" is not an ACM certificate ARN.'],
      [['edge2.shop.test', '--certificate-arn', CERT.replace('us-east-1', 'eu-west-1'), '--endpoint', 'edge'], 'An edge-optimized domain needs its certificate in us-east-1; this one is in eu-west-1.'],
    ] as const) {
      const refused = await apigw('domains', 'create', ...args)
      expect(refused.code, refused.stderr).toBe(2)
      expect(refused.stderr).toContain(message)
      expect(refused.stderr).toContain('Try: ')
    }
    expect((await clients.rest.send(new GetDomainNamesCommand({}))).items?.length).toBe(before)
    const again = await apigw('domains', 'create', 'api.shop.test', '--certificate-arn', CERT)
    expect(again.code).toBe(5)
    expect(again.stderr).toContain('exists already')

    const rest = await seed.petsApi('list-shop')
    const http = await seed.httpApi('list-orders')
    expect((await apigw('domains', 'map', '--domain', 'api.shop.test', '--path', 'pets', '--api', 'list-shop', '--stage', 'prod', '--json')).code).toBe(0)
    const v2Map = await apigw('domains', 'map', '--domain', 'api.shop.test', '--path', 'orders/v2', '--api', 'list-orders', '--stage', '$default', '--json')
    expect(v2Map.code, v2Map.stderr).toBe(0)
    expect(json(v2Map.stdout)).toMatchObject({through: 'api-mapping', mapping: {path: 'orders/v2', api: {id: http.id, type: 'http'}, stage: '$default'}})
    expect(await mappingAt('api.shop.test', 'orders/v2')).toMatchObject({ApiId: http.id, Stage: '$default'})
    expect((await clients.rest.send(new GetBasePathMappingCommand({domainName: 'api.shop.test', basePath: 'pets'}))).restApiId).toBe(rest.id)

    const list = await apigw('domains', 'list')
    expect(list.code, list.stderr).toBe(0)
    expect(list.stdout).toMatch(/api\.shop\.test\s+REGIONAL\s+TLS_1_2\s+\d{4}-\d\d-\d\d\s+d-\S+\s+orders\/v2\s+list-orders \(\w+\)\s+\$default/)
    expect(list.stdout).toMatch(/pets\s+list-shop \(\w+\)\s+prod/)
    const show = await apigw('domains', 'show', 'api.shop.test', '--json')
    expect(json(show.stdout).mappings.map((mapping: {path: string; stageExists: boolean}) => [mapping.path, mapping.stageExists])).toEqual([['orders/v2', true], ['pets', true]])
    const missing = await apigw('domains', 'show', 'api.shop.tset')
    expect(missing.code).toBe(4)
    expect(missing.stderr).toContain('Did you mean: api.shop.test?')

    const unconfirmed = await apigw('domains', 'delete', 'api.shop.test')
    expect(unconfirmed.code).not.toBe(0)
    expect((await clients.rest.send(new GetDomainNamesCommand({}))).items).toHaveLength(1)
    const deleted = await apigw('domains', 'delete', 'api.shop.test', '--confirm', 'api.shop.test', '--json')
    expect(deleted.code, deleted.stderr).toBe(0)
    expect(json(deleted.stdout).mappings).toHaveLength(2)
    expect((await clients.rest.send(new GetDomainNamesCommand({}))).items ?? []).toEqual([])
  })
})

describe('creates whose answer is lost are made once', () => {
  it('CreateDomainName, CreateBasePathMapping and CreateApiMapping answers lost after the sandbox made them: one of each, exit 0', async () => {
    const lost = async (fault: string, ...args: string[]) => {
      sandbox.faults = parseFaults(fault)
      try {
        const result = await apigw(...args)
        expect(sandbox.faults.lost, 'the lost-answer fault did not strike').toEqual([])
        expect(result.code, result.stderr).toBe(0)
        expect(result.stderr).toContain('was lost, but AWS had done it')
      } finally {
        sandbox.faults = parseFaults('none')
      }
    }
    await lost('lost=CreateDomainName:503', 'domains', 'create', 'once.shop.test', '--certificate-arn', CERT)
    expect(((await clients.rest.send(new GetDomainNamesCommand({}))).items ?? []).filter((domain) => domain.domainName === 'once.shop.test')).toHaveLength(1)
    await seed.petsApi('once-shop')
    await seed.httpApi('once-orders')
    await lost('lost=CreateBasePathMapping:reset', 'domains', 'map', '--domain', 'once.shop.test', '--path', 'shop', '--api', 'once-shop', '--stage', 'prod')
    await lost('lost=CreateApiMapping:503', 'domains', 'map', '--domain', 'once.shop.test', '--path', 'orders/v1', '--api', 'once-orders', '--stage', '$default')
    const {Items = []} = await clients.v2.send(new GetApiMappingsCommand({DomainName: 'once.shop.test'}))
    expect(Items.map((item) => item.ApiMappingKey).sort()).toEqual(['orders/v1', 'shop'])
  })
})

describe('domains map, unmap', () => {
  it('refuses a mapped path (switch moves it) and an unknown stage; unmap needs --yes off a terminal, then the path is gone', async () => {
    await createDomain('map.shop.test')
    await seed.petsApi('map-shop')
    expect((await apigw('domains', 'map', '--domain', 'map.shop.test', '--path', '', '--api', 'map-shop', '--stage', 'prod')).code).toBe(0)
    const taken = await apigw('domains', 'map', '--domain', 'map.shop.test', '--path', '(none)', '--api', 'map-shop', '--stage', 'prod')
    expect(taken.code).toBe(5)
    expect(taken.stderr).toContain('Try: apigw domains switch')
    const noStage = await apigw('domains', 'map', '--domain', 'map.shop.test', '--path', 'x', '--api', 'map-shop', '--stage', 'nope')
    expect(noStage.code).toBe(4)

    const unasked = await apigw('domains', 'unmap', '--domain', 'map.shop.test', '--path', '')
    expect(unasked.code).not.toBe(0)
    expect(await mappingAt('map.shop.test', '')).toBeDefined()
    const unmapped = await apigw('domains', 'unmap', '--domain', 'map.shop.test', '--path', '', '--yes', '--json')
    expect(unmapped.code, unmapped.stderr).toBe(0)
    expect(json(unmapped.stdout)).toEqual({domain: 'map.shop.test', path: '', mapping: null, through: 'base-path-mapping'})
    expect(await mappingAt('map.shop.test', '')).toBeUndefined()
    expect((await apigw('domains', 'unmap', '--domain', 'map.shop.test', '--path', '', '--yes')).code).toBe(4)
  })
})

describe('domains switch', () => {
  it('moves an HTTP API path blue → green in place and --back returns it, each checked by an independent read', async () => {
    await createDomain('orders.shop.test')
    const blue = await seed.httpApi('orders-blue')
    const green = await seed.httpApi('orders-green')
    expect((await apigw('domains', 'map', '--domain', 'orders.shop.test', '--path', 'orders', '--api', 'orders-blue', '--stage', '$default')).code).toBe(0)
    const before = await mappingAt('orders.shop.test', 'orders')

    const dry = await apigw('domains', 'switch', '--domain', 'orders.shop.test', '--path', 'orders', '--to', 'orders-green:$default', '--dry-run', '--json')
    expect(json(dry.stdout).plan.steps.map((step: {operation: string}) => step.operation)).toEqual(['TagResource', 'UpdateApiMapping', 'UpdateDeployment'])
    expect((await mappingAt('orders.shop.test', 'orders'))?.ApiId).toBe(blue.id)

    const switched = await apigw('domains', 'switch', '--domain', 'orders.shop.test', '--path', 'orders', '--to', 'orders-green:$default', '--yes', '--json')
    expect(switched.code, switched.stderr).toBe(0)
    expect(json(switched.stdout)).toMatchObject({from: {apiId: blue.id, stage: '$default'}, to: {api: {id: green.id, type: 'http'}, stage: '$default'}, through: 'api-mapping'})
    expect(switched.stderr).toContain('To switch back: apigw domains switch --domain orders.shop.test --path orders --back')
    const after = await mappingAt('orders.shop.test', 'orders')
    expect(after).toMatchObject({ApiId: green.id, Stage: '$default', ApiMappingId: before?.ApiMappingId})
    const tags = (await clients.v2.send(new GetV2DomainNameCommand({DomainName: 'orders.shop.test'}))).Tags
    expect(tags?.['apigw:previous:orders']).toBe(`${blue.id}:+24default`)

    const back = await apigw('domains', 'switch', '--domain', 'orders.shop.test', '--path', 'orders', '--back', '--yes', '--json')
    expect(back.code, back.stderr).toBe(0)
    expect(await mappingAt('orders.shop.test', 'orders')).toMatchObject({ApiId: blue.id, Stage: '$default', ApiMappingId: before?.ApiMappingId})
    // --back again toggles: the switch back recorded green as the way back.
    expect(json((await apigw('domains', 'show', 'orders.shop.test', '--json')).stdout).mappings[0].previous).toBe(`${green.id}:$default`)

    const same = await apigw('domains', 'switch', '--domain', 'orders.shop.test', '--path', 'orders', '--to', `${blue.id}:$default`, '--yes')
    expect(same.code).toBe(0)
    expect(same.stderr).toContain('nothing to switch')
  })

  it('--back with nothing recorded is exit 4; a bad --to is exit 2; an unmapped path is exit 4', async () => {
    await createDomain('empty.shop.test')
    await seed.petsApi('empty-shop')
    expect((await apigw('domains', 'map', '--domain', 'empty.shop.test', '--path', 'v1', '--api', 'empty-shop', '--stage', 'prod')).code).toBe(0)
    const back = await apigw('domains', 'switch', '--domain', 'empty.shop.test', '--path', 'v1', '--back', '--yes')
    expect(back.code).toBe(4)
    expect(back.stderr).toContain('No earlier target is recorded')
    const bad = await apigw('domains', 'switch', '--domain', 'empty.shop.test', '--path', 'v1', '--to', 'empty-shop', '--yes')
    expect(bad.code).toBe(2)
    expect((await apigw('domains', 'switch', '--domain', 'empty.shop.test', '--path', 'v2', '--to', 'empty-shop:prod', '--yes')).code).toBe(4)
    const typo = await apigw('domains', 'switch', '--domain', 'empty.shop.test', '--path', 'v1', '--to', 'empty-shop:prdo', '--yes')
    expect(typo.code).toBe(4)
    expect(typo.stderr).toContain('Try: --to empty-shop:prod')

    const http = await seed.httpApi('empty-orders')
    await clients.v2.send(new CreateV2StageCommand({ApiId: http.id, StageName: 'idle'}))
    const undeployed = await apigw('domains', 'map', '--domain', 'empty.shop.test', '--path', 'orders', '--api', http.id, '--stage', 'idle')
    expect(undeployed.code).toBe(5)
    expect(undeployed.stderr).toContain('runs no deployment')
    expect(undeployed.stderr).toContain(`Try: apigw deploy --api ${http.id} --stage idle`)
    expect(await mappingAt('empty.shop.test', 'orders')).toBeUndefined()
  })

  it('a failing gate refuses the switch and writes nothing; a passing one lets it through', async () => {
    await createDomain('gated.shop.test')
    const blue = await seed.petsApi('gated-blue')
    const green = await seed.petsApi('gated-green')
    expect((await apigw('domains', 'map', '--domain', 'gated.shop.test', '--path', 'shop', '--api', 'gated-blue', '--stage', 'prod')).code).toBe(0)
    const stop = driveTraffic(sandbox, green.id, {errorRate: {'4xx': 0.01, '5xx': 0.2}})
    try {
      await new Promise((resolve) => setTimeout(resolve, 600))
      const refused = await apigw('domains', 'switch', '--domain', 'gated.shop.test', '--path', 'shop', '--to', 'gated-green:prod', '--gate', '--max-5xx-rate', '1%', '--yes')
      expect(refused.code, refused.stderr).toBe(1)
      expect(refused.stderr).toContain('failed the gate')
      expect((await clients.rest.send(new GetBasePathMappingCommand({domainName: 'gated.shop.test', basePath: 'shop'}))).restApiId).toBe(blue.id)
      const passed = await apigw('domains', 'switch', '--domain', 'gated.shop.test', '--path', 'shop', '--to', 'gated-green:prod', '--gate', '--max-5xx-rate', '50%', '--yes', '--json')
      expect(passed.code, passed.stderr).toBe(0)
      expect(json(passed.stdout).gate.outcome).toBe('passed')
      expect((await clients.rest.send(new GetBasePathMappingCommand({domainName: 'gated.shop.test', basePath: 'shop'}))).restApiId).toBe(green.id)
      // Recorded as a release of the stage the path now reaches; a later deploy still replaces the right deployment.
      const history = json((await apigw('stages', 'history', '--api', 'gated-green', '--stage', 'prod', '--json')).stdout)
      expect(history.releases[0]).toMatchObject({action: 'switch', fromStage: 'gated.shop.test/shop', deploymentId: green.deploymentId, live: true, by: expect.stringMatching(/^ci@/)})
      expect((await apigw('deploy', '--api', 'gated-green', '--stage', 'prod', '--json')).code).toBe(0)
      expect((await apigw('stages', 'rollback', '--api', 'gated-green', '--stage', 'prod', '--yes', '--json')).stdout).toContain(`"deploymentId": "${green.deploymentId}"`)
    } finally {
      stop()
    }
  })

  it('the path is mapped at every moment of a switch: GetBasePathMapping polled while a slowed UpdateBasePathMapping runs', async () => {
    await createDomain('live.shop.test')
    const blue = await seed.petsApi('live-blue')
    const green = await seed.petsApi('live-green')
    expect((await apigw('domains', 'map', '--domain', 'live.shop.test', '--path', 'shop', '--api', 'live-blue', '--stage', 'prod')).code).toBe(0)
    sandbox.faults = parseFaults('latency=UpdateBasePathMapping:300ms')
    const seen: string[] = []
    let running = true
    const poll = (async () => {
      while (running) {
        const mapping = await clients.rest.send(new GetBasePathMappingCommand({domainName: 'live.shop.test', basePath: 'shop'}))
        seen.push(mapping.restApiId ?? 'none')
      }
    })()
    try {
      const switched = await apigw('domains', 'switch', '--domain', 'live.shop.test', '--path', 'shop', '--to', 'live-green:prod', '--yes', '--json')
      expect(switched.code, switched.stderr).toBe(0)
      expect(json(switched.stdout).through).toBe('base-path-mapping')
    } finally {
      running = false
      await poll
      sandbox.faults = parseFaults('none')
    }
    // Polls throughout (a failed GetBasePathMapping would have thrown): only blue, then only green.
    expect(seen.length).toBeGreaterThan(3)
    expect(new Set(seen)).toEqual(new Set([blue.id, green.id]))
    expect(seen.slice(seen.indexOf(green.id))).toEqual(seen.slice(seen.indexOf(green.id)).map(() => green.id))
  })
})

describe('domains check', () => {
  it('fails on TLS 1.0 and on a mapping to a stage that no longer exists; notes stages no domain reaches', async () => {
    await createDomain('old.shop.test', '--tls', '1.0')
    const api = await seed.petsApi('check-shop')
    await clients.rest.send(new CreateStageCommand({restApiId: api.id, stageName: 'dev', deploymentId: api.deploymentId}))
    expect((await apigw('domains', 'map', '--domain', 'old.shop.test', '--path', 'shop', '--api', 'check-shop', '--stage', 'prod')).code).toBe(0)
    const check = await apigw('domains', 'check', '--json')
    expect(check.code, check.stderr).toBe(1)
    const kinds = (stdout: string) => (json(stdout).findings as Array<{level: string; kind: string; domain: string | null; detail: string}>).filter((finding) => finding.domain === 'old.shop.test' || finding.detail.includes(api.id)).map((finding) => `${finding.level} ${finding.kind}`)
    expect(kinds(check.stdout)).toEqual(['failed tls-below-1.2', 'notice stage-unreached'])
    expect(json(check.stdout).outcome).toBe('failed')

    // AWS refuses DeleteStage while a path maps the stage; the record goes behind its back, as a mapping left dangling would.
    sandbox.context.store.delete(TABLES.stages, `${api.id}/prod`)
    const dangling = await apigw('domains', 'check', '--json')
    expect(kinds(dangling.stdout)).toContain('failed stage-missing')
    const table = await apigw('domains', 'check')
    expect(table.code).toBe(1)
    expect(table.stdout).toMatch(/FAIL\s+tls-below-1\.2\s+old\.shop\.test/)
    expect(table.stdout).toMatch(/FAIL\s+stage-missing\s+old\.shop\.test\s+shop\s+path shop maps stage "prod" of check-shop/)
  })
})
