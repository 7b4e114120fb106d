import {appendFileSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {Store} from '../../packages/sandbox/src/store.js'

const stateDir = () => mkdtempSync(join(tmpdir(), 'apigw-store-'))

describe('sandbox store', () => {
  it('keeps what it acknowledged when the process dies without closing (journal replay)', () => {
    const dir = stateDir()
    const first = Store.open(dir)
    first.put('restApis', 'a1', {id: 'a1', name: 'one'})
    first.put('restApis', 'b2', {id: 'b2', name: 'two'})
    first.delete('restApis', 'a1')
    // No close(): as if killed. A second store reads the same directory.
    const second = Store.open(dir)
    expect(second.all('restApis')).toEqual([{id: 'b2', name: 'two'}])
  })

  it('skips a journal line cut short by a crash', () => {
    const dir = stateDir()
    const store = Store.open(dir)
    store.put('apiKeys', 'k1', {id: 'k1'})
    store.close()
    appendFileSync(join(dir, 'journal.ndjson'), '["apiKeys","k2",{"id":')
    expect(Store.open(dir).all('apiKeys')).toEqual([{id: 'k1'}])
  })

  it('folds the journal into an atomic snapshot at start', () => {
    const dir = stateDir()
    const store = Store.open(dir)
    store.put('usagePlans', 'p1', {id: 'p1'})
    store.close()
    Store.open(dir).close()
    expect(readFileSync(join(dir, 'journal.ndjson'), 'utf8')).toBe('')
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).tables.usagePlans).toEqual([['p1', {id: 'p1'}]])
  })

  it('finds child records by prefix and forgets everything on clear', () => {
    const dir = stateDir()
    const store = Store.open(dir)
    store.put('stages', 'api1/prod', {stageName: 'prod'})
    store.put('stages', 'api1/beta', {stageName: 'beta'})
    store.put('stages', 'api2/prod', {stageName: 'prod'})
    expect(store.withPrefix('stages', 'api1/')).toHaveLength(2)
    store.clear()
    expect(Store.open(dir).count('stages')).toBe(0)
  })

  it('refuses a state directory written by another state version', () => {
    const dir = stateDir()
    Store.open(dir).close()
    const snapshot = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'))
    snapshot.version = 99
    writeFileSync(join(dir, 'state.json'), JSON.stringify(snapshot))
    expect(() => Store.open(dir)).toThrow(/state version 99/)
  })
})
