import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {ACM_OPERATIONS, CLOUDWATCH_OPERATIONS, LOGS_OPERATIONS, REST_OPERATIONS, V2_OPERATIONS} from '../../packages/sandbox/src/operations.js'

const SCRIPT = fileURLToPath(new URL('../../packages/sandbox/scripts/coverage.mjs', import.meta.url))
const TABLE = fileURLToPath(new URL('../../packages/sandbox/COVERAGE.md', import.meta.url))

/** Runs the generator; its exit code and stderr. */
function generator(...args: string[]): {code: number; stderr: string} {
  try {
    execFileSync(process.execPath, [SCRIPT, ...args], {stdio: 'pipe', encoding: 'utf8'})
    return {code: 0, stderr: ''}
  } catch (error) {
    const failure = error as {status: number; stderr: string}
    return {code: failure.status, stderr: failure.stderr}
  }
}

describe("the sandbox's coverage table (packages/sandbox/COVERAGE.md)", () => {
  it('is what `npm run coverage --workspace apigw-sandbox` writes now, and the operation table agrees with the SDK models', () => {
    // On failure: run `npm run coverage --workspace apigw-sandbox`, or fix the operation it names.
    expect(generator('--check')).toEqual({code: 0, stderr: ''})
  })

  it('fails the check when the file is stale, naming the command that regenerates it', () => {
    const stale = join(mkdtempSync(join(tmpdir(), 'apigw-coverage-')), 'COVERAGE.md')
    writeFileSync(stale, readFileSync(TABLE, 'utf8').replace('| CreateRestApi | `POST /restapis` | served |', '| CreateRestApi | `POST /restapis` | no |'))
    expect(generator('--check', '--file', stale)).toEqual({code: 1, stderr: `${stale} is stale: run npm run coverage --workspace apigw-sandbox\n`})
  })

  it('marks served exactly the operations of the sandbox\'s operation table, and counts them', () => {
    const text = readFileSync(TABLE, 'utf8')
    const served = [...text.matchAll(/^\| (\w+) \|[^|]*\| served \|$/gm)].map((match) => match[1])
    expect(served.sort()).toEqual([...Object.keys(REST_OPERATIONS), ...Object.keys(V2_OPERATIONS), ...CLOUDWATCH_OPERATIONS, ...LOGS_OPERATIONS, ...ACM_OPERATIONS].sort())
    expect(text).toMatch(new RegExp(`The sandbox serves ${Object.keys(REST_OPERATIONS).length} of \\d+ v1 operations, ${Object.keys(V2_OPERATIONS).length} of \\d+ v2 operations`))
  })
})
