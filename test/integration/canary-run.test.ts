import {CreateDeploymentCommand, GetStageCommand, GetTagsCommand, TagResourceCommand, UpdateStageCommand} from '@aws-sdk/client-api-gateway'
import type {ChildProcess} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {RolloutEnd, RolloutEvent} from '../../packages/cli/src/lib/canary/controller.js'
import type {TrafficSpec} from '../../packages/sandbox/src/traffic/spec.js'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {simulateTraffic} from '../../packages/sandbox/src/traffic/simulate.js'
import {awsEnv, EMPTY_HOME, runCli, spawnCli, type CliResult} from '../helpers/cli.js'
import {driveTraffic} from '../helpers/live-traffic.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const apigw = (...args: string[]) => runCli(args, env)
/**
 * `canary run` as a process, for the rollouts below that bake at once (describe.concurrent): runs in
 * the test process take turns, and these spend their time waiting, not starting.
 */
const rollout = (...args: string[]) => spawnCli(['canary', 'run', ...args], env)
const offline = (...args: string[]) => runCli(args, awsEnv('http://127.0.0.1:9', {AWS_MAX_ATTEMPTS: '1'}))
const stage = (restApiId: string) => clients.rest.send(new GetStageCommand({restApiId, stageName: 'prod'}))
const events = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as RolloutEvent)

const drive = (apiId: string, profile: Partial<TrafficSpec> = {}) => driveTraffic(sandbox, apiId, profile)

/** Short bakes, judged every second, with enough requests to judge in a second or two. */
const FAST = ['--bake', '2s', '--interval', '1s', '--min-requests', '1000', '--yes']

describe('canary status', () => {
  it('shows the deployments, the split, the overrides, and canary vs base side by side', async () => {
    const api = await seed.restApi('status-shop')
    const canary = await clients.rest.send(
      new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod', description: 'Checkout v2', canarySettings: {percentTraffic: 25, stageVariableOverrides: {color: 'blue'}}}),
    )
    const now = Date.now()
    simulateTraffic(sandbox.context, {apiId: api.id, stage: 'prod', rps: 200, start: now, end: now + 60_000, errorRate: {'4xx': 0.02, '5xx': 0.005}, latency: {p50: 40, p99: 350}, cacheHit: 0, canaryErrorRate: {'4xx': 0.02, '5xx': 0.3}})
    const result = await apigw('canary', 'status', '--api', 'status-shop', '--stage', 'prod', '--json')
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const status = JSON.parse(result.stdout)
    expect(status).toMatchObject({
      api: {id: api.id, name: 'status-shop'},
      stage: 'prod',
      base: {deploymentId: api.deploymentId, description: null},
      canary: {deploymentId: canary.id, description: 'Checkout v2', percentTraffic: 25, stageVariableOverrides: {color: 'blue'}, useStageCache: false},
      metrics: {series: {stage: 'prod', canary: 'prod/Canary'}, window: {periodSeconds: 60}},
    })
    expect(status.metrics.canary.rate5xx).toBeGreaterThan(0.1)
    expect(status.metrics.base.rate5xx).toBeLessThan(0.05)
    expect(status.metrics.canary.requests).toBeGreaterThan(0)
    for (const side of [status.metrics.canary, status.metrics.base]) {
      expect(Object.keys(side)).toEqual(['requests', 'errors4xx', 'errors5xx', 'rate4xx', 'rate5xx', 'latencyMs', 'integrationLatencyMs', 'note'])
      expect(side.latencyMs.p50).toBeLessThanOrEqual(side.latencyMs.p99)
    }

    const table = await apigw('canary', 'status', '--api', 'status-shop', '--stage', 'prod')
    expect(table.stdout).toMatch(/^canary\s+\w+ {2}Checkout v2$/m)
    expect(table.stdout).toMatch(/^traffic\s+25% canary, 75% base$/m)
    expect(table.stdout).toMatch(/^overrides\s+color=blue$/m)
    expect(table.stdout).toMatch(/^\s+CANARY\s+BASE$/m)
    expect(table.stdout).toMatch(/^5XX rate\s+\d+(\.\d+)?%\s+\d+(\.\d+)?%$/m)
  })

  it('says there is no canary, and why there are no figures, instead of zeros', async () => {
    await seed.restApi('status-quiet')
    const result = await apigw('canary', 'status', '--api', 'status-quiet', '--stage', 'prod', '--json', '--since', '5m')
    expect(result.code).toBe(0)
    const status = JSON.parse(result.stdout)
    expect(status.canary).toBeNull()
    expect(status.metrics.canary).toMatchObject({requests: null, rate5xx: null, note: 'Stage "prod" of REST API "status-quiet" (' + status.api.id + ') has no canary.'})
    expect(status.metrics.base).toMatchObject({requests: null, latencyMs: {p99: null}})
    expect(status.metrics.base.note).toMatch(/^CloudWatch has no metrics for API "status-quiet" stage "prod"/)
  })

  it('--watch prints one JSON line per refresh without a terminal', async () => {
    const api = await seed.restApi('status-watch')
    let lines = ''
    const result = await spawnCli(['canary', 'status', '--api', api.id, '--stage', 'prod', '--watch'], env, (child) =>
      child.stdout!.on('data', (chunk) => {
        lines += chunk
        if (lines.endsWith('\n')) child.kill('SIGINT')
      }),
    )
    expect(result.code).toBe(130)
    const refreshes = result.stdout.trim().split('\n')
    expect(refreshes).toHaveLength(1)
    expect(JSON.parse(refreshes[0])).toMatchObject({api: {id: api.id}, stage: 'prod', canary: null})
  })

  it('refuses HTTP APIs (no canaries there) and bad --since, before reading metrics', async () => {
    await seed.httpApi('status-http')
    const http = await apigw('canary', 'status', '--api', 'status-http', '--stage', '$default')
    expect(http.code).toBe(2)
    expect(http.stderr).toMatch(/HTTP API "status-http" \(\w+\) cannot have a canary/)
    const since = await offline('canary', 'status', '--api', 'x', '--stage', 'prod', '--since', 'soon')
    expect(since.code).toBe(2)
    expect(since.stderr).toMatch(/--since must be a duration/)
  })
})

describe.concurrent('canary run, end to end on the sandbox', () => {
  it('promotes a healthy canary through every step (one JSON line per event without a terminal)', async () => {
    const api = await seed.restApi('run-healthy')
    const stop = drive(api.id)
    const result = await rollout('--api', 'run-healthy', '--stage', 'prod', '--steps', '10,50,100', ...FAST, '--description', 'Checkout v2')
    stop()
    expect(result.code).toBe(0)
    const all = events(result.stdout)
    expect(all.map((e) => e.event).filter((name) => name !== 'evaluation')).toEqual(['started', 'step-started', 'step-started', 'step-started', 'promoted'])
    const evaluations = all.filter((e): e is Extract<RolloutEvent, {event: 'evaluation'}> => e.event === 'evaluation')
    expect(evaluations.filter((e) => e.outcome === 'failed')).toEqual([])
    expect(evaluations.at(-1)).toMatchObject({step: 3, percent: 100, outcome: 'passed'})
    const started = all[0] as Extract<RolloutEvent, {event: 'started'}>
    const after = await stage(api.id)
    expect(after.deploymentId).toBe(started.canaryDeploymentId)
    expect(after.canarySettings).toBeUndefined()
    expect(all.at(-1)).toMatchObject({event: 'promoted', exitCode: 0, state: {baseDeploymentId: started.canaryDeploymentId, canary: null}})
    // The promotion is a release like any other: stages rollback can undo it.
    expect(result.stderr).toMatch(/record it in deployment \w+'s description, for history and rollback/)
  }, 60_000)

  it('rolls a bad canary back at the first step: exit 1, the gate and its numbers, the stage on its base deployment', async () => {
    const api = await seed.restApi('run-bad')
    const stop = drive(api.id, {canaryErrorRate: {'4xx': 0.02, '5xx': 0.2}})
    const result = await rollout('--api', 'run-bad', '--stage', 'prod', '--steps', '10,50,100', ...FAST)
    stop()
    expect(result.code).toBe(1)
    const all = events(result.stdout)
    const end = all.at(-1) as RolloutEnd
    expect(end).toMatchObject({event: 'aborted', exitCode: 1, action: 'abort', position: {step: 1, percent: 10}, state: {baseDeploymentId: api.deploymentId, canary: null}})
    expect(end.failedGates?.[0]).toMatchObject({gate: '5xx-rate', status: 'fail', limit: 0.01})
    expect(end.message).toMatch(/^Aborted at step 1 \(10%\) after 3 failed evaluations \(limit 2\): 5xx-rate: canary 5XX rate \d+(\.\d+)?% \(\d+ of \d+\) > 1% allowed/)
    expect(all.filter((e) => e.event === 'gate-failed')).toHaveLength(3)
    expect(all.some((e) => e.event === 'step-started' && e.step === 2)).toBe(false)
    const after = await stage(api.id)
    expect(after.deploymentId).toBe(api.deploymentId)
    expect(after.canarySettings).toBeUndefined()
    // The canary's logs after the failed gate (test/integration/logs.test.ts shows them read): this stage writes none, which is said.
    expect(result.stderr).toMatch(new RegExp(`^The canary's logs could not be read: Stage prod of run-bad \\(${api.id}\\) writes no logs`, 'm'))
    expect(result.stderr).toMatch(new RegExp(`^More: apigw logs --api ${api.id} --stage prod --canary --status 5xx --since \\d+m$`, 'm'))
  }, 60_000)

  it('takes an existing canary through the steps only when --deployment names it', async () => {
    const api = await seed.restApi('run-existing')
    const canary = await clients.rest.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'prod', canarySettings: {percentTraffic: 5}}))
    const refused = await rollout('--api', 'run-existing', '--stage', 'prod', '--steps', '50', ...FAST)
    expect(refused.code).toBe(5)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toMatch(/already has a canary: deployment \w+, canary \w+ at 5%; canary run without --deployment starts a new canary/)
    expect(refused.stderr).toContain(`--deployment ${canary.id}`)

    const stop = drive(api.id)
    const result = await rollout('--api', 'run-existing', '--stage', 'prod', '--deployment', canary.id!, '--steps', '50', ...FAST, '--no-promote')
    stop()
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/Taking the stage's canary \(deployment \w+, canary \w+ at 5%\) through the steps\./)
    expect(events(result.stdout).at(-1)).toMatchObject({event: 'completed', state: {canary: {deploymentId: canary.id, percentTraffic: 50}}})
  }, 60_000)

  it('times out (exit 7) when the canary never gets enough requests, and acts as --on-fail', async () => {
    const api = await seed.restApi('run-quiet')
    const result = await rollout('--api', 'run-quiet', '--stage', 'prod', '--steps', '10', '--bake', '1s', '--interval', '1s', '--timeout', '3s', '--on-fail', 'abort', '--yes')
    expect(result.code).toBe(7)
    const all = events(result.stdout)
    expect(all.filter((e) => e.event === 'evaluation').every((e) => e.event === 'evaluation' && e.outcome === 'inconclusive')).toBe(true)
    expect(all.at(-1)).toMatchObject({event: 'timed-out', exitCode: 7, action: 'abort', state: {canary: null}})
    expect((await stage(api.id)).canarySettings).toBeUndefined()
  }, 30_000)

  it('stops with exit 5, leaving the stage as found, when someone else changes it mid-rollout', async () => {
    const api = await seed.restApi('run-meddled')
    const result = await spawnCli(['canary', 'run', '--api', 'run-meddled', '--stage', 'prod', '--steps', '10,50', '--bake', '30s', '--interval', '1s', '--yes'], env, (child) => {
      let seen = ''
      child.stdout!.on('data', (chunk) => {
        seen += chunk
        // Another operator sets the canary to 30% once the rollout has started its first step.
        if (seen.includes('"step-started"') && !seen.includes('meddled')) {
          seen += 'meddled'
          void clients.rest.send(new UpdateStageCommand({restApiId: api.id, stageName: 'prod', patchOperations: [{op: 'replace', path: '/canarySettings/percentTraffic', value: '30.0'}]}))
        }
      })
    })
    expect(result.code).toBe(5)
    expect(events(result.stdout).at(-1)).toMatchObject({event: 'stage-changed', exitCode: 5, action: 'none', state: {canary: {percentTraffic: 30}}})
    expect(result.stderr).not.toMatch(/remove the canary/)
    expect((await stage(api.id)).canarySettings?.percentTraffic).toBe(30)
  }, 30_000)

  it('Ctrl-C without a terminal pauses the canary and exits 130, saying so', async () => {
    const api = await seed.restApi('run-interrupted')
    const result = await spawnCli(['canary', 'run', '--api', 'run-interrupted', '--stage', 'prod', '--steps', '10,50', '--bake', '30s', '--interval', '1s', '--yes'], env, (child) =>
      child.stdout!.on('data', (chunk) => {
        if (String(chunk).includes('"step-started"')) child.kill('SIGINT')
      }),
    )
    expect(result.code).toBe(130)
    expect(events(result.stdout).at(-1)).toMatchObject({event: 'interrupted', exitCode: 130, action: 'pause', message: 'Interrupted; the canary is paused at 0%.'})
    expect((await stage(api.id)).canarySettings?.percentTraffic).toBe(0)
  }, 30_000)
})

describe('canary run: checks before anything changes', () => {
  it('--dry-run prints every AWS call of a passing rollout and changes nothing', async () => {
    const api = await seed.restApi('run-dry')
    const result = await apigw('canary', 'run', '--api', 'run-dry', '--stage', 'prod', '--steps', '5,50,100', '--bake', '5m', '--dry-run', '--json')
    expect(result.code).toBe(0)
    const {dryRun, plan} = JSON.parse(result.stdout)
    expect(dryRun).toBe(true)
    expect(plan.severity).toBe('destructive')
    expect(plan.summary).toMatch(/through 5%, 50%, 100%, baking 5m at each with 5XX ≤ 1%, 4XX ≤ 5%, p99 ≤ base p99 \+ 20% judged every 1m, then promote it/)
    expect(plan.steps.map((s: {operation: string; input: {patchOperations?: unknown}}) => [s.operation, s.input.patchOperations])).toEqual([
      ['CreateDeployment', undefined],
      ['UpdateStage', [{op: 'replace', path: '/canarySettings/percentTraffic', value: '50.0'}]],
      ['UpdateStage', [{op: 'replace', path: '/canarySettings/percentTraffic', value: '100.0'}]],
      ['UpdateStage', [{op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0'}, {op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId'}]],
      ['UpdateStage', [{op: 'remove', path: '/canarySettings'}]],
    ])
    expect(plan.steps[0].input).toMatchObject({restApiId: api.id, stageName: 'prod', canarySettings: {percentTraffic: 5}})
    expect((await stage(api.id)).canarySettings).toBeUndefined()
  })

  it('needs --yes without a terminal: it promotes in the end', async () => {
    await seed.restApi('run-unconfirmed')
    const result = await apigw('canary', 'run', '--api', 'run-unconfirmed', '--stage', 'prod', '--steps', '10', '--bake', '1m')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/This needs confirmation, and there is no terminal to ask on\.\nTry: apigw canary run .* --yes/)
  })

  it('checks the plan file and the flags before any AWS call, naming the field and its line', async () => {
    const file = join(EMPTY_HOME, 'canary-bad.yaml')
    writeFileSync(file, 'steps: [5, 25, 100]\nbake: 5m\nmax-5xx-rate: 1\n')
    const rate = await offline('canary', 'run', '--api', 'shop', '--stage', 'prod', '--plan', file)
    expect(rate.code).toBe(2)
    expect(rate.stderr).toContain(`${file} line 3: max-5xx-rate must be a percentage between 0% and 100% (with the %), or off; got 1.`)
    expect(rate.stderr).toContain(`Try: max-5xx-rate: 1% (in ${file})`)

    writeFileSync(file, 'steps: [5, 25, 100]\nbake: 5m\nmax-5xx: 1%\n')
    const unknown = await offline('canary', 'run', '--api', 'shop', '--stage', 'prod', '--plan', file)
    expect(unknown.stderr).toContain(`${file} line 3: unknown field "max-5xx"; did you mean max-5xx-rate?`)

    // Flags win over the file: the file's bad rate is never read.
    const steps = await offline('canary', 'run', '--api', 'shop', '--stage', 'prod', '--plan', 'examples/canary.yaml', '--steps', '50,10')
    expect(steps.code).toBe(2)
    expect(steps.stderr).toMatch(/--steps must be canary percentages that go up, each more than 0 and at most 100; got "50,10"/)

    const timeout = await offline('canary', 'run', '--api', 'shop', '--stage', 'prod', '--steps', '10,100', '--bake', '30m', '--timeout', '45m')
    expect(timeout.stderr).toMatch(/--timeout 45m is shorter than the steps take to bake \(2 × 30m\): the rollout could only time out\.\nTry: --timeout 2h/)
    const missing = await offline('canary', 'run', '--api', 'shop', '--stage', 'prod', '--steps', '10')
    expect(missing.stderr).toMatch(/--bake is required \(or bake: in the --plan file\)/)
  })

  it('runs examples/canary.yaml as it is written', async () => {
    await seed.restApi('run-example')
    const result = await apigw('canary', 'run', '--api', 'run-example', '--stage', 'prod', '--plan', 'examples/canary.yaml', '--dry-run', '--json')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).plan.summary).toMatch(/^take the canary of stage "prod" of REST API "run-example" \(\w+\) through 5%, 10%, 25%, 50%, 100%, baking 5m at each/)
  })
})

describe('canary run: what it reports after a failure is what AWS holds', () => {
  it('a promotion that fails half-way (the canary left at 0% on the new base) ends with a "failed" event describing the stage as GetStage shows it', async () => {
    const api = await seed.restApi('run-half-promoted')
    const stop = drive(api.id)
    // The run's UpdateStage calls: the promotion batch (1st), then remove /canarySettings (2nd) fails.
    sandbox.faults = parseFaults('fail=UpdateStage#2')
    try {
      const result = await apigw('canary', 'run', '--api', api.id, '--stage', 'prod', '--steps', '10', ...FAST, '--retry-budget', '0s')
      stop()
      expect(result.code).toBe(8)
      const end = events(result.stdout).at(-1) as RolloutEnd
      const after = await stage(api.id)
      const canaryId = (events(result.stdout)[0] as Extract<RolloutEvent, {event: 'started'}>).canaryDeploymentId
      expect(after).toMatchObject({deploymentId: canaryId, canarySettings: {percentTraffic: 0}})
      expect(end).toMatchObject({event: 'failed', exitCode: 8, state: {baseDeploymentId: after.deploymentId, canary: {deploymentId: after.canarySettings?.deploymentId, percentTraffic: 0}}})
      expect(end.message).toContain(`As read after the failure, the stage now has deployment ${canaryId}, canary ${canaryId} at 0%.`)
    } finally {
      stop()
      sandbox.faults = parseFaults('none')
    }
  }, 60_000)
})

describe('canary run: one run per stage at a time', () => {
  const stageArn = (apiId: string) => `arn:aws:apigateway:us-east-1::/restapis/${apiId}/stages/prod`
  const runClaims = async (apiId: string) =>
    Object.keys((await clients.rest.send(new GetTagsCommand({resourceArn: stageArn(apiId)}))).tags ?? {}).filter((tag) => tag.startsWith('apigw:canary-run-'))
  /** The claim a run on another machine holds: since a minute ago, renewed to count for ten more. */
  const heldByAlice = (apiId: string) =>
    clients.rest.send(
      new TagResourceCommand({
        resourceArn: stageArn(apiId),
        tags: {'apigw:canary-run-0a1b2c3d': `${new Date(Date.now() - 60_000).toISOString()} ${new Date(Date.now() + 600_000).toISOString()} alice@ci-7`},
      }),
    )

  /**
   * A long rollout (30 s bakes) on the stage; once it has started its first step, `second` starts
   * another command, given the first run's canary deployment and its process. Both results.
   */
  async function whileRunning(apiId: string, second: (canaryDeploymentId: string, first: ChildProcess) => Promise<CliResult>): Promise<[CliResult, CliResult]> {
    let started: Promise<CliResult> | undefined
    const first = await spawnCli(['canary', 'run', '--api', apiId, '--stage', 'prod', '--steps', '10,50', '--bake', '30s', '--interval', '1s', '--yes'], env, (child) => {
      let seen = ''
      child.stdout!.on('data', (chunk) => {
        seen += chunk
        if (seen.includes('"step-started"') && !started) {
          const {canaryDeploymentId} = events(seen.slice(0, seen.lastIndexOf('\n')))[0] as Extract<RolloutEvent, {event: 'started'}>
          started = second(canaryDeploymentId, child)
        }
      })
    })
    return [first, await started!]
  }

  it('a second run while one is in progress refuses (exit 5), naming the run that holds the stage; the first goes on and removes its claim when it ends', async () => {
    const api = await seed.restApi('run-twice')
    const [first, refused] = await whileRunning(api.id, async (_, child) => {
      const result = await apigw('canary', 'run', '--api', api.id, '--stage', 'prod', '--steps', '10,50', ...FAST)
      child.kill('SIGINT')
      return result
    })
    expect(refused.code).toBe(5)
    expect(refused.stderr).toMatch(/A canary run of stage "prod" of REST API "run-twice" \(\w+\) is already in progress: \S+ \(since \d{4}-[\d-]+T[\d:.]+Z, its claim counts until [\dT:.Z-]+\)\. This run changed nothing\./)
    expect(refused.stderr).toContain('--takeover')
    // The first run was not disturbed: it went on until Ctrl-C, and paused its own canary.
    expect(first.code).toBe(130)
    expect(events(first.stdout).at(-1)).toMatchObject({event: 'interrupted', action: 'pause'})
    expect((await stage(api.id)).canarySettings?.percentTraffic).toBe(0)
    expect(await runClaims(api.id)).toEqual([])
  }, 60_000)

  it('a stage held by a run that died: refused until --takeover, which runs the rollout and leaves no claim behind', async () => {
    const api = await seed.restApi('run-takeover')
    await heldByAlice(api.id)
    const refused = await apigw('canary', 'run', '--api', api.id, '--stage', 'prod', '--steps', '10', ...FAST, '--json')
    expect(refused.code).toBe(5)
    expect(JSON.parse(refused.stdout).error).toMatchObject({code: 'CANARY_RUN_IN_PROGRESS', message: expect.stringContaining('alice@ci-7 (since ')})
    expect((await stage(api.id)).canarySettings).toBeUndefined()

    const stop = drive(api.id)
    const result = await apigw('canary', 'run', '--api', api.id, '--stage', 'prod', '--steps', '10', ...FAST, '--no-promote', '--takeover')
    stop()
    expect(result.code, result.stderr).toBe(0)
    expect(events(result.stdout).at(-1)).toMatchObject({event: 'completed', state: {canary: {percentTraffic: 10}}})
    expect(await runClaims(api.id)).toEqual([])
  }, 60_000)

  it('--takeover from a live run: that run finds its claim gone at its next check and stops (exit 5) without touching the stage', async () => {
    const api = await seed.restApi('run-taken')
    const stop = drive(api.id)
    const [first, took] = await whileRunning(api.id, (canaryDeploymentId) =>
      apigw('canary', 'run', '--api', api.id, '--stage', 'prod', '--deployment', canaryDeploymentId, '--steps', '25', ...FAST, '--no-promote', '--takeover'),
    )
    stop()
    expect(first.code).toBe(5)
    expect(events(first.stdout).at(-1)).toMatchObject({event: 'failed', exitCode: 5, action: 'none', error: {code: 'CANARY_RUN_TAKEN_OVER'}})
    expect(took.code, took.stderr).toBe(0)
    expect(events(took.stdout).at(-1)).toMatchObject({event: 'completed', state: {canary: {percentTraffic: 25}}})
    expect((await stage(api.id)).canarySettings?.percentTraffic).toBe(25)
    expect(await runClaims(api.id)).toEqual([])
  }, 60_000)
})
