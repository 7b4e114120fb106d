import {GetApiKeysCommand} from '@aws-sdk/client-api-gateway'
import {execFile} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {awsEnv} from '../helpers/cli.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'

// `apigw … | head -1` and `apigw … 2>&1 | head -3`: when the reader has gone, what the command did
// stands and its exit code says so (docs/exit-codes.md), not Node's crash on the broken pipe (exit 1).
const bin = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url))

/**
 * Runs apigw once its reader has closed its end (the reader starts first, apigw 0.3 s later): apigw's
 * exit code, and its stderr when not piped. Asynchronously: the sandbox answers from this process.
 */
function intoClosedPipe(args: string[], env: Record<string, string>, streams: 'stdout' | 'both'): Promise<{code: number; stderr: string}> {
  const quoted = args.map((arg) => `'${arg}'`).join(' ')
  const script = `(sleep 0.3; exec "${process.execPath}" "${bin}" ${quoted}) ${streams === 'both' ? '2>&1' : ''} | (exec 0<&-; sleep 1); exit \${PIPESTATUS[0]}`
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], {encoding: 'utf8', env}, (error, _stdout, stderr) => resolve({code: error ? Number(error.code) : 0, stderr}))
  })
}

describe('a reader that has gone', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startTestSandbox()
  })
  afterAll(() => sandbox.stop())

  it('leaves a command that succeeded at exit 0, its stdout closed', async () => {
    expect(await intoClosedPipe(['__complete', 'script', 'bash'], awsEnv(sandbox.endpoint), 'stdout')).toEqual({code: 0, stderr: ''})
  })

  it('leaves a create that goes on after its reader went at exit 0, with one key made (keys create 2>&1 | head)', async () => {
    const env = awsEnv(sandbox.endpoint)
    expect(await intoClosedPipe(['keys', 'create', '--name', 'piped'], env, 'both')).toEqual({code: 0, stderr: ''})
    const keys = await sdkClients(sandbox.endpoint).rest.send(new GetApiKeysCommand({nameQuery: 'piped'}))
    expect(keys.items?.map((key) => key.name)).toEqual(['piped'])
  })
})
