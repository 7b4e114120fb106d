import {describe, expect, it} from 'vitest'
import {awsEnv, runCli} from '../helpers/cli.js'
import {env, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

// The command tests run apigw in the test process (test/helpers/in-process.ts). Each run must see
// only its own environment and leave nothing behind for the next: no environment, exit code, argv,
// Ctrl-C handler or stream listener.
useSandboxCli()

/** What a run could change in the test process. */
const processState = () => ({
  env: process.env,
  argv: process.argv,
  exitCode: process.exitCode,
  sigint: process.rawListeners('SIGINT'),
  drain: process.stdout.rawListeners('drain'),
  cwd: process.cwd(),
  stdin: process.stdin,
  isTTY: process.stdout.isTTY,
})

const unreachable = awsEnv('http://127.0.0.1:9', {AWS_MAX_ATTEMPTS: '1'})

describe('a command run in-process', () => {
  it('sees only its own environment, and starts from exit code 0 whatever the run before it ended with', async () => {
    const first = await runCli(['apis', 'list', '--json'], env)
    expect(first.code, first.stderr).toBe(0)
    const refused = await runCli(['apis', 'list', '--json', '--retry-budget', '0s'], unreachable)
    expect(refused.code).toBe(6)
    expect(JSON.parse(refused.stdout).error.message).toContain('127.0.0.1:9')
    const again = await runCli(['apis', 'list', '--json'], env)
    expect(again).toEqual(first)
  })

  it('leaves the test process as it found it', async () => {
    const before = processState()
    // A usage error, an unknown command (the command_not_found hook), and drift: apis diff ends with
    // this.exit(1), which oclif carries out with process.exit.
    await seed.restApi('in-process-drift')
    expect((await runCli(['apis', 'list', '--output', 'xml'], env)).code).toBe(2)
    expect((await runCli(['apis', 'lsit'], env)).code).toBe(2)
    const drift = await runCli(['apis', 'diff', 'examples/shop.yaml', '--api', 'in-process-drift'], env)
    expect(drift.code).toBe(1)
    // In its own working directory, a path is relative to it.
    const relative = await runCli(['apis', 'diff', 'shop.yaml', '--api', 'in-process-drift'], env, {cwd: 'examples'})
    expect(relative).toEqual({...drift, stdout: drift.stdout.replaceAll('examples/shop.yaml', 'shop.yaml')})
    expect(process.env).toBe(before.env)
    expect(process.env.NO_COLOR).toBe(before.env.NO_COLOR)
    expect(processState()).toEqual(before)
  })
})
