import {describe, expect, it} from 'vitest'
import type {Deployment} from '../../packages/cli/src/lib/releases/adapter.js'
import {formatRecord} from '../../packages/cli/src/lib/releases/note.js'
import {unrecordedMove} from '../../packages/cli/src/lib/releases/release.js'

const deployment = (id: string, ...records: Array<{stage: string; at: string; replaced?: string}>): Deployment => ({
  id,
  createdDate: null,
  description: records.map((record) => formatRecord({action: 'deploy', by: 'ci', ...record})).join(' ') || null,
  autoDeployed: false,
})

// prod: deployed A, then B (replacing A); dev: deployed C later still.
const history = [deployment('A', {stage: 'prod', at: '2026-12-01T10:00:00.000Z'}), deployment('B', {stage: 'prod', at: '2026-12-02T10:00:00.000Z', replaced: 'A'}), deployment('C', {stage: 'dev', at: '2026-12-03T10:00:00.000Z'})]

describe('unrecordedMove', () => {
  it('is nothing while the stage runs the deployment of its newest record', () => {
    expect(unrecordedMove('prod', 'B', history)).toBeUndefined()
  })

  it('finds a move no record tells of: the newest record is on another deployment (a rollback to A whose record was lost)', () => {
    expect(unrecordedMove('prod', 'A', history)).toEqual({deploymentId: 'B', replaced: 'A'})
  })

  it('knows nothing of stages without records, or that run no deployment', () => {
    expect(unrecordedMove('beta', 'A', history)).toBeUndefined()
    expect(unrecordedMove('prod', null, history)).toBeUndefined()
  })
})
