import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {FLEET_REGIONS as REGIONS, useFleet} from '../helpers/fleet.js'
import {controlFetch} from '../helpers/sandbox.js'
import {PROFILE} from '../helpers/live-stage.js'
import {seeder} from '../helpers/seed.js'

// Fleet views over two regions and two profiles (docs/fleet.md): profile `prod` points at a
// sandbox, which keeps its regions apart (docs/aws-behaviour.md#regions-are-independent); profile
// `gone` at a sandbox that has stopped, so each of its regions fails on a row of its own.
const ids: Record<string, string> = {}

const fleet = useFleet(async (sandbox) => {
  for (const region of REGIONS) {
    const api = await seeder(sandbox.endpoint, region).httpApi(`shop-${region}`)
    ids[region] = api.id
    const now = Date.now()
    // Ten minutes of traffic; 5XX only in eu-west-1, so that its row comes first (worst first).
    const errorRate = {'4xx': 0, '5xx': region === 'eu-west-1' ? 0.05 : 0}
    const spec = {...PROFILE, apiId: api.id, stage: '$default', rps: region === 'eu-west-1' ? 4 : 1, errorRate, start: now - 10 * 60_000, end: now}
    const answer = await controlFetch(sandbox, 'traffic', {method: 'POST', body: JSON.stringify(spec), headers: {'content-type': 'application/json'}})
    expect(answer.status, await answer.clone().text()).toBe(200)
  }
})

const fleetArgs = ['--regions', REGIONS.join(','), '--profiles', 'prod,gone', '--retry-budget', '1s']
const run = (...args: string[]) => runCli(args, fleet.env)

interface Target {
  profile: string | null
  region: string | null
  account: string | null
  error: {code: string; message: string} | null
}

describe('apis list --regions --profiles', () => {
  it('lists every region of every profile with account and region, and the profile that failed on rows of its own', async () => {
    const {code, stdout, stderr} = await run('apis', 'list', ...fleetArgs, '--json')
    expect(code).toBe(0)
    const data = JSON.parse(stdout) as {apis: Array<{account: string; region: string; profile: string; name: string; id: string}>; targets: Target[]}
    expect(data.apis.map((api) => [api.profile, api.account, api.region, api.name, api.id])).toEqual(
      REGIONS.map((region) => ['prod', '123456789012', region, `shop-${region}`, ids[region]]),
    )
    expect(data.targets.map((target) => [target.profile, target.region, target.account, target.error?.code ?? null])).toEqual([
      ['prod', 'us-east-1', '123456789012', null],
      ['prod', 'eu-west-1', '123456789012', null],
      ['gone', 'us-east-1', null, expect.any(String)],
      ['gone', 'eu-west-1', null, expect.any(String)],
    ])
    expect(data.targets[2].error!.message).toContain('127.0.0.1')
    expect(stderr).toContain('profile gone, eu-west-1: not read:')
  })

  it('prints one table with ACCOUNT and REGION columns, a failed target as a row with its reason', async () => {
    const {code, stdout} = await run('apis', 'list', ...fleetArgs)
    expect(code).toBe(0)
    const lines = stdout.split('\n')
    expect(lines[0]).toMatch(/^ACCOUNT\s+REGION\s+ID\s+NAME\s+TYPE\s+ENDPOINT\s+CREATED$/)
    expect(lines[1]).toMatch(new RegExp(`^123456789012\\s+us-east-1\\s+${ids['us-east-1']}\\s+shop-us-east-1\\s+http`))
    expect(lines[2]).toMatch(new RegExp(`^123456789012\\s+eu-west-1\\s+${ids['eu-west-1']}\\s+shop-eu-west-1\\s+http`))
    // The reason is in the last column, so the columns before it keep their widths.
    expect(lines[3]).toMatch(/^-\s+us-east-1\s+profile gone: not read: \w+ failed: could not connect to http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\.$/)
    expect(lines[4]).toMatch(/^-\s+eu-west-1\s+profile gone: not read: /)
    expect(lines[3].indexOf('profile gone')).toBe(lines[0].indexOf('CREATED'))
  })

  it('prints the APIs as CSV with --query apis, account and region first', async () => {
    const {code, stdout} = await run('apis', 'list', ...fleetArgs, '--query', 'apis', '-o', 'csv')
    expect(code).toBe(0)
    expect(stdout.split('\n').slice(0, 2)).toEqual([
      'account,region,profile,id,name,type,endpointType,createdDate,description',
      expect.stringMatching(new RegExp(`^123456789012,us-east-1,prod,${ids['us-east-1']},shop-us-east-1,http,REGIONAL,`)),
    ])
  })

  it('exits 8 with --strict when a target failed, still printing what was read', async () => {
    const {code, stdout} = await run('apis', 'list', ...fleetArgs, '--strict', '--json')
    expect(code).toBe(8)
    expect(JSON.parse(stdout).apis).toHaveLength(2)
    const healthy = await run('apis', 'list', '--regions', REGIONS.join(','), '--profiles', 'prod', '--strict', '--json')
    expect(healthy.code).toBe(0)
  })

  it('reports a profile that is not defined on its own row, as a failure of that target', async () => {
    const {code, stdout} = await run('apis', 'list', '--profiles', 'prod,nope', '--json')
    expect(code).toBe(0)
    const data = JSON.parse(stdout) as {apis: unknown[]; targets: Target[]}
    expect(data.apis).toHaveLength(1)
    expect(data.targets[1]).toEqual({
      profile: 'nope',
      region: null,
      account: null,
      error: {code: 'PROFILE_NOT_FOUND', message: 'Profile "nope" (from --profiles) is not defined in the AWS config or credentials file.'},
    })
  })

  it('refuses an unknown region, an empty list or --strict alone before any call (exit 2)', async () => {
    for (const args of [['--regions', 'us-east-1,mars-1'], ['--regions', ''], ['--profiles', 'prod,,gone'], ['--regions', ' , ']]) {
      const {code, stderr} = await run('apis', 'list', ...args, '--profiles', 'prod', '--debug')
      expect(code, args.join(' ')).toBe(2)
      expect(stderr).not.toContain('ok in')
    }
    expect((await run('apis', 'list', '--regions', 'mars-1')).stderr).toContain('"mars-1" is not a region API Gateway is offered in')
  })
})

describe('dashboard --all --regions --profiles', () => {
  it('reads every target over one window into one table, worst first, with the failed profile on its own rows', async () => {
    const {code, stdout} = await run('dashboard', '--all', '--since', '30m', ...fleetArgs, '--json')
    expect(code).toBe(0)
    const data = JSON.parse(stdout) as {window: {start: string}; rows: Array<{account: string; region: string; api: {id: string}; stage: string; requests: number}>; targets: Target[]}
    expect(data.rows.map((row) => [row.account, row.region, row.api.id, row.stage])).toEqual([
      ['123456789012', 'eu-west-1', ids['eu-west-1'], '$default'],
      ['123456789012', 'us-east-1', ids['us-east-1'], '$default'],
    ])
    expect(data.rows[0].requests).toBeGreaterThan(data.rows[1].requests)
    expect(data.targets.filter((target) => target.error !== null).map((target) => [target.profile, target.region])).toEqual([
      ['gone', 'us-east-1'],
      ['gone', 'eu-west-1'],
    ])
    const strict = await run('dashboard', '--all', ...fleetArgs, '--strict')
    expect(strict.code).toBe(8)
    expect(strict.stdout).toMatch(/ACCOUNT\s+REGION\s+API\s+ID/)
    expect(strict.stdout).toMatch(/eu-west-1\s+shop-eu-west-1/)
    expect(strict.stdout).toMatch(/-\s+eu-west-1\s+profile gone: not read: /)
  })

  it('takes --regions only with --all', async () => {
    const {code} = await run('dashboard', '--api', 'shop', '--stage', 'prod', '--regions', 'us-east-1')
    expect(code).toBe(2)
  })
})

describe('cost --all --regions --profiles', () => {
  it("prices every target's APIs in one list, with the failed profile on its own rows", async () => {
    const {code, stdout} = await run('cost', '--all', '--since', '1h', ...fleetArgs, '--json')
    expect(code).toBe(0)
    const data = JSON.parse(stdout) as {apis: Array<{region: string; account: string; api: {id: string}; requests: number; cost: number}>; total: number; targets: Target[]}
    expect(data.apis.map((row) => [row.account, row.region, row.api.id]).sort()).toEqual(REGIONS.map((region) => ['123456789012', region, ids[region]]).sort())
    for (const row of data.apis) expect(row.requests).toBeGreaterThan(0)
    expect(data.total).toBeCloseTo(data.apis[0].cost + data.apis[1].cost, 10)
    expect(data.targets.filter((target) => target.error !== null)).toHaveLength(2)
    const strict = await run('cost', '--all', ...fleetArgs, '--strict')
    expect(strict.code).toBe(8)
    expect(strict.stdout).toMatch(/^ACCOUNT\s+REGION\s+API\s+ID\s+TYPE\s+REQUESTS/m)
    expect(strict.stdout).toMatch(/^-\s+eu-west-1\s+profile gone: not read: /m)
  })
})
