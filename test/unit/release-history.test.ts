import {describe, expect, it} from 'vitest'
import type {Deployment} from '../../packages/cli/src/lib/releases/adapter.js'
import {releasesOf} from '../../packages/cli/src/lib/releases/history.js'
import {formatRecord, type ReleaseRecord} from '../../packages/cli/src/lib/releases/note.js'

const record = (fields: Partial<ReleaseRecord> & Pick<ReleaseRecord, 'at'>): string => formatRecord({action: 'deploy', stage: 'prod', by: 'alice@laptop', ...fields})
const deployment = (id: string, description: string | null, createdDate = '2026-11-01T00:00:00.000Z', autoDeployed = false): Deployment => ({id, createdDate, description, autoDeployed})

describe("a stage's releases", () => {
  const deployments = [
    deployment('aaa111', `first ${record({at: '2026-11-20T10:00:00.000Z'})} ${record({action: 'rollback', at: '2026-11-20T12:00:00.000Z', replaced: 'bbb222'})}`),
    deployment('bbb222', `second ${record({at: '2026-11-20T11:00:00.000Z', replaced: 'aaa111'})}`),
    deployment('ccc333', record({stage: 'dev', at: '2026-11-20T13:00:00.000Z'})),
  ]

  it('are the records naming it, newest first, a deployment once per release, and the live one marked', () => {
    const releases = releasesOf({name: 'prod', deploymentId: 'aaa111', canary: null}, deployments)
    expect(releases.map((release) => [release.deploymentId, release.action, release.replaced, release.live])).toEqual([
      ['aaa111', 'rollback', 'bbb222', true],
      ['bbb222', 'deploy', 'aaa111', false],
      ['aaa111', 'deploy', null, false],
    ])
    expect(releases[1]).toMatchObject({description: 'second', by: 'alice@laptop', releasedAt: '2026-11-20T11:00:00.000Z'})
  })

  it('include the live and canary deployments that no record names, first', () => {
    const releases = releasesOf({name: 'prod', deploymentId: 'ccc333', canary: {deploymentId: 'ddd444', percentTraffic: 10}}, [
      ...deployments,
      deployment('ddd444', 'console deploy', '2026-11-19T00:00:00.000Z'),
    ])
    expect(releases.slice(0, 2)).toMatchObject([
      {deploymentId: 'ccc333', action: null, live: true, canary: false, description: null},
      {deploymentId: 'ddd444', action: null, live: false, canary: true, description: 'console deploy', releasedAt: '2026-11-19T00:00:00.000Z'},
    ])
    expect(releases).toHaveLength(5)
  })

  it('mark an automatic deployment as such', () => {
    const [only] = releasesOf({name: '$default', deploymentId: 'eee555', canary: null}, [deployment('eee555', null, '2026-11-21T00:00:00.000Z', true)])
    expect(only).toMatchObject({deploymentId: 'eee555', action: null, autoDeployed: true, live: true})
  })

  it('are empty for a stage nothing was released to', () => {
    expect(releasesOf({name: 'qa', deploymentId: null, canary: null}, deployments)).toEqual([])
  })
})
