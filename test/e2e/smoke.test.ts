import {CreateApiKeyCommand, CreateUsagePlanCommand, CreateUsagePlanKeyCommand} from '@aws-sdk/client-api-gateway'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {EMPTY_HOME, runCli, spawnCli, type CliResult} from '../helpers/cli.js'
import {backfill, canaryStageWithCache} from '../helpers/live-stage.js'
import {clients, env, sandbox, useSandboxCli} from '../helpers/sandbox-cli.js'

// Every topic once as an operator runs it, a process started from bin/run.js, and once in the test
// process as the command tests run it (test/helpers/in-process.ts): both must answer alike, output
// and exit code, so what the in-process tier sees is what a process shows.
useSandboxCli()

/**
 * Each command, the exit code it must end with, and whether what it prints depends on the time (the
 * last hours of CloudWatch data, a release note stamped now): the clock moves between the two runs,
 * so for those only the shape is compared, with the numbers left out.
 */
const CASES: Array<{args: string[]; code: number; timed?: boolean}> = [
  {args: ['apis', 'list', '--json'], code: 0},
  {args: ['apis', 'show', '--api', 'smoke-shop'], code: 0},
  {args: ['apis', 'show', '--api', 'no-such-api', '--json'], code: 4},
  {args: ['apis', 'lsit'], code: 2},
  {args: ['stages', 'list', '--api', 'smoke-shop'], code: 0},
  {args: ['stages', 'show', '--api', 'smoke-shop', '--stagee', 'prod'], code: 2},
  {args: ['deploy', '--api', 'smoke-shop', '--stage', 'dev', '--create-stage', '--dry-run', '--json'], code: 0, timed: true},
  {args: ['canary', 'status', '--api', 'smoke-shop', '--stage', 'prod', '--since', '1h'], code: 0, timed: true},
  {args: ['keys', 'list'], code: 0},
  {args: ['keys', 'delete', 'smoke-partner'], code: 2},
  {args: ['plans', 'list', '--json'], code: 0},
  {args: ['cache', 'status', '--api', 'smoke-shop', '--stage', 'prod', '--since', '1h'], code: 0, timed: true},
  {args: ['metrics', 'get', '--api', 'smoke-shop', '--stage', 'prod', '--metric', '5xx-rate', '--since', '10m', '--output', 'csv'], code: 0, timed: true},
  {args: ['metrics', 'check', '--api', 'smoke-shop', '--stage', 'prod', '--since', '15m', '--max-5xx-rate', '0.1%'], code: 1, timed: true},
  {args: ['dashboard', '--api', 'smoke-shop', '--stage', 'prod', '--since', '1h'], code: 0, timed: true},
  {args: ['apis', 'list', '--output', 'xml'], code: 2},
]

/**
 * What a windowed command prints, without its numbers, its charts' bars (the two runs may see the
 * window a minute apart) and the padding that follows their width.
 */
const shape = (text: string) =>
  text
    .replace(/\d+(\.\d+)?/g, '#')
    .replace(/[\u2581-\u2588](?:[\u2581-\u2588 ]*[\u2581-\u2588])?/g, '▮')
    .replace(/[ \t]+/g, ' ')

beforeAll(async () => {
  const shop = await canaryStageWithCache(sandbox, 'smoke-shop')
  // The canary answers 10% 5XX (live-stage's PROFILE): metrics check fails its gate, exit 1.
  backfill(sandbox, shop.id, 'prod')
  const key = await clients.rest.send(new CreateApiKeyCommand({name: 'smoke-partner', enabled: true}))
  const plan = await clients.rest.send(new CreateUsagePlanCommand({name: 'smoke-gold', apiStages: [{apiId: shop.id, stage: 'prod'}]}))
  await clients.rest.send(new CreateUsagePlanKeyCommand({usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY'}))
})

describe('every topic, as a process and in-process', () => {
  for (const {args, code, timed} of CASES) {
    it(`apigw ${args.join(' ')}: exit ${code}, the same output both ways`, async () => {
      const spawned = await spawnCli(args, env)
      const inProcess = await runCli(args, env)
      expect(spawned.code, spawned.stderr).toBe(code)
      const seen = (result: CliResult) => (timed ? {...result, stdout: shape(result.stdout), stderr: shape(result.stderr)} : result)
      expect(seen(inProcess)).toEqual(seen(spawned))
    })
  }

  it('apigw sandbox status with no sandbox: exit 1, the same output both ways', async () => {
    const quiet = {PATH: process.env.PATH!, HOME: EMPTY_HOME, CI: 'true', APIGW_SANDBOX_DIR: mkdtempSync(join(tmpdir(), 'apigw-smoke-'))}
    const spawned = await spawnCli(['sandbox', 'status'], quiet)
    expect(spawned.code, spawned.stderr).toBe(1)
    expect(await runCli(['sandbox', 'status'], quiet)).toEqual(spawned)
  })
})
