#!/usr/bin/env node
// The GitHub Action's entry (action.yml): runs one apigw command with --json, echoes what it prints,
// and hands the result to the workflow: step outputs in GITHUB_OUTPUT (exit-code, json and the
// well-known fields), a job summary in GITHUB_STEP_SUMMARY, and apigw's own exit code.
//
// Inputs come from the environment as GitHub names them: INPUT_COMMAND, INPUT_WORKING-DIRECTORY.
// APIGW_BIN is apigw's bin/run.js (the install step's output; default: this checkout's).
import {spawn} from 'node:child_process'
import {appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs'
import {constants, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {splitCommandLine, UsageError, withJson} from './command-line.mjs'
import {formatOutputs, parseOutputs} from './github-files.mjs'
import {jsonOutput, parseDocuments, wellKnownOutputs} from './results.mjs'
import {summaryMarkdown} from './summary.mjs'

const env = process.env
const bin = env.APIGW_BIN || fileURLToPath(new URL('../packages/cli/bin/run.js', import.meta.url))

try {
  const words = splitCommandLine(env.INPUT_COMMAND ?? '')
  if (words.length === 0) throw new UsageError('the command input is empty: give the apigw command to run, e.g. "deploy --api shop --stage dev"')
  const args = withJson(words)
  if (!existsSync(bin)) throw new Error(`there is no apigw at ${bin} (APIGW_BIN): the install step gives it`)
  // apigw writes step outputs of its own (a release's deployment ids): into a file of ours, so that
  // each output is written once, apigw's own value winning.
  const scratch = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'apigw-action-'))
  const ownOutputs = join(scratch, 'github-output')
  const summaryBefore = sizeOf(env.GITHUB_STEP_SUMMARY)
  const {exitCode, stdout} = await runApigw(args, {...env, GITHUB_OUTPUT: ownOutputs}, env['INPUT_WORKING-DIRECTORY'] || undefined)
  const documents = parseDocuments(stdout)
  const outputs = {'exit-code': String(exitCode), json: jsonOutput(documents), ...wellKnownOutputs(documents), ...parseOutputs(readOrEmpty(ownOutputs))}
  rmSync(scratch, {recursive: true, force: true})
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, formatOutputs(outputs))
  // apigw writes its own summary for metrics check, canary run and apis diff (src/cli/ci/): then the
  // action's stays out, so nothing is shown twice. Any other command, or one that failed first, gets the action's.
  if (env.GITHUB_STEP_SUMMARY && sizeOf(env.GITHUB_STEP_SUMMARY) === summaryBefore) appendFileSync(env.GITHUB_STEP_SUMMARY, summaryMarkdown(args, documents, exitCode))
  process.exitCode = exitCode
} catch (error) {
  const exitCode = error.exitCode ?? 3
  process.stderr.write(`::error title=apigw action::${error.message}\n`)
  // exit-code is always set (docs/ci.md), also when apigw never ran; a file we cannot write changes nothing.
  try {
    if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, formatOutputs({'exit-code': String(exitCode)}))
  } catch {}
  process.exitCode = exitCode
}

/**
 * Runs apigw, its stdout passed on as it comes (canary run's events) and kept; stderr passed on untouched.
 * A cancelled job's SIGINT or SIGTERM reaches apigw exactly once, however the runner sends it (to us
 * or to our whole process group): apigw is in a group of its own and we pass the signal on, then wait
 * for it to finish (canary run pauses the canary) and write the outputs all the same.
 */
function runApigw(args, childEnv, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {env: childEnv, cwd, stdio: ['ignore', 'pipe', 'inherit'], detached: true})
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
    let stdout = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      process.stdout.write(chunk)
    })
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({exitCode: code ?? 128 + (constants.signals[signal] ?? 0), stdout}))
  })
}

function sizeOf(path) {
  try {
    return path ? statSync(path).size : 0
  } catch {
    return 0
  }
}

function readOrEmpty(path) {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}
