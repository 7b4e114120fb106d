import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

describe('npm run demo', () => {
  it('runs the narrated runbook against a fresh sandbox, exits 0, ends with "Demo complete." and leaves no sandbox behind', async () => {
    const script = fileURLToPath(new URL('../../scripts/demo.mjs', import.meta.url))
    // stdout and stderr in one pipe, in the order they were written, as on an operator's terminal; the
    // run is over when every process that holds the pipe (background traffic included) has ended.
    const result = spawnSync('sh', ['-c', `exec "$0" "$1" --quick 2>&1`, process.execPath, script], {encoding: 'utf8', env: {PATH: process.env.PATH, CI: 'true'}, timeout: 420_000})
    const output = result.stdout
    expect(result.status, output.slice(-3000)).toBe(0)
    // Nothing follows the last line: the live traffic is stopped before the sandbox, so it has no error to report after the end.
    expect(output.trimEnd().split('\n').at(-1)).toMatch(/^Demo complete\. /)
    for (const command of ['$ apigw sandbox start --detach', '$ apigw apis import examples/shop.yaml', '$ apigw apis show --api shop --sandbox', '$ apigw sandbox traffic --api shop', '$ apigw stages promote --api shop --from dev --to prod', '$ apigw stages rollback --api shop --stage prod', '$ apigw apis delete --api chat --confirm chat --sandbox', '$ apigw sandbox stop']) {
      expect(output).toContain(command)
    }
    expect(output).toMatch(/deployed\s+stage prod, deployment \w+/)
    expect(output).toContain('No differences: examples/shop.yaml matches REST API shop')
    expect(output).toMatch(/deleted\s+WebSocket API chat/)
    expect(output).toMatch(/requests\s+\d{4,}/)
    expect(output).toMatch(/\w{6}\s+live\s+\S+\s+rollback\s/)
    // The bad canary is rolled back at its first step; the healthy one is promoted.
    expect(output).toMatch(/"event":"aborted".*Aborted at step 1 \(5%\)/)
    expect(output).toMatch(/"event":"promoted".*every step passed/i)
    // The lost answer of CreateUsagePlan is found, not made again.
    expect(output).toContain('$ apigw sandbox faults lost=CreateUsagePlan:503')
    expect(output).toContain('the answer to CreateUsagePlan was lost, but AWS had done it: apigw found what it made and did not do it again.')
    expect(output).not.toContain('did not answer')
    // The tour ends with doctor: fixed checks pass on the second run.
    expect(output).toMatch(/\$ apigw doctor --fix --api shop[^\n]*\n[\s\S]*No findings\.\n\n1 API, 1 stage/)
    const endpoint = /endpoint\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]
    await expect(fetch(`${endpoint}/_sandbox/status`)).rejects.toThrow()
  }, 450_000)
})
