import {spawn, type ChildProcess, type ChildProcessByStdio} from 'node:child_process'
import type {Readable, Writable} from 'node:stream'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {runInProcess, type InProcessOptions} from './in-process.js'

const BIN = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url))

/** An empty home directory, so no developer's ~/.aws leaks into a test. */
export const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'apigw-home-'))

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** The environment of a CI machine with fake credentials pointed at `endpoint`, nothing inherited. */
export function awsEnv(endpoint: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: EMPTY_HOME,
    CI: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: endpoint,
    ...extra,
  }
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined))
}

/**
 * Runs an apigw command with no TTY and `env` as its whole environment, inside the test process
 * (./in-process.ts): what most command tests need, at a fraction of a process's cost.
 */
export function runCli(args: string[], env: Record<string, string>, options: InProcessOptions = {}): Promise<CliResult> {
  return runInProcess(args, env, options)
}

/**
 * Runs the built CLI (bin/run.js) as a process, as an operator would, with no TTY: for what only a
 * real process shows (signals, start-up, two commands at once). `onStart` gets the process, e.g. to
 * signal it; `input`, when given, is piped to its stdin (else stdin is closed).
 */
export function spawnCli(args: string[], env: Record<string, string>, onStart?: (child: ChildProcess) => void, input?: string): Promise<CliResult> {
  return runProgram(process.execPath, [BIN, ...args], {env}, onStart, input)
}

/** Runs any program (a shell, the AWS CLI) the same way, collecting its exit code and output. */
export function runProgram(
  file: string,
  args: string[],
  options: {env: Record<string, string>; cwd?: string},
  onStart?: (child: ChildProcess) => void,
  input?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {...options, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']}) as ChildProcessByStdio<Writable | null, Readable, Readable>
    child.stdin?.end(input)
    onStart?.(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}
