import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

describe('npm run demo', () => {
  it('runs the narrated runbook against a fresh sandbox, exits 0 and leaves no sandbox behind', async () => {
    const script = fileURLToPath(new URL('../../scripts/demo.mjs', import.meta.url))
    const result = spawnSync(process.execPath, [script], {encoding: 'utf8', env: {PATH: process.env.PATH, CI: 'true'}, timeout: 420_000})
    expect(result.status, result.stderr).toBe(0)
    for (const command of ['$ apigw sandbox start --detach', '$ apigw apis import examples/shop.yaml', '$ apigw apis show --api shop --sandbox', '$ apigw sandbox traffic --api shop', '$ apigw stages promote --api shop --from dev --to prod', '$ apigw stages rollback --api shop --stage prod', '$ apigw apis delete --api chat --confirm chat --sandbox', '$ apigw sandbox stop']) {
      expect(result.stdout).toContain(command)
    }
    expect(result.stdout).toMatch(/deployed\s+stage prod, deployment \w+/)
    expect(result.stdout).toContain('No differences: examples/shop.yaml matches REST API shop')
    expect(result.stdout).toMatch(/deleted\s+WebSocket API chat/)
    expect(result.stdout).toMatch(/requests\s+\d{4,}/)
    expect(result.stdout).toMatch(/\w{6}\s+live\s+\S+\s+rollback\s/)
    // The bad canary is rolled back at its first step; the healthy one is promoted.
    expect(result.stdout).toMatch(/"event":"aborted".*Aborted at step 1 \(5%\)/)
    expect(result.stdout).toMatch(/"event":"promoted".*every step passed/i)
    expect(result.stdout).toContain('Demo complete.')
    // The lost answer of CreateUsagePlan is found, not made again.
    expect(result.stdout).toContain('$ apigw sandbox faults lost=CreateUsagePlan:503')
    expect(result.stderr).toContain('the answer to CreateUsagePlan was lost, but AWS had done it: apigw found what it made and did not do it again.')
    // The live traffic is stopped before the sandbox, so nothing fails after the last step.
    expect(result.stderr).not.toContain('did not answer')
    const endpoint = /endpoint\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(result.stdout)![1]
    await expect(fetch(`${endpoint}/_sandbox/status`)).rejects.toThrow()
  }, 450_000)
})
