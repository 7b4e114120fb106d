import {appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs'
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
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).regions['us-east-1'].usagePlans).toEqual([['p1', {id: 'p1'}]])
  })

  it('leaves the snapshot as it is at a start with an empty journal, and journals what follows', () => {
    const dir = stateDir()
    const store = Store.open(dir)
    store.put('usagePlans', 'p1', {id: 'p1'})
    store.close()
    Store.open(dir).close() // folds p1 into the snapshot
    const snapshot = statSync(join(dir, 'state.json'))
    const again = Store.open(dir)
    expect(statSync(join(dir, 'state.json')).ino).toBe(snapshot.ino) // not rewritten (a compaction renames a new file in)
    again.put('usagePlans', 'p2', {id: 'p2'})
    // No close: as if killed. p2 is in the journal, after nothing.
    expect(readFileSync(join(dir, 'journal.ndjson'), 'utf8')).toBe('["usagePlans","p2",{"id":"p2"},"us-east-1"]\n')
    expect(Store.open(dir).all('usagePlans')).toEqual([{id: 'p1'}, {id: 'p2'}])
  })

  it('compacts at start a journal holding only a line cut short, so the next change starts a line of its own', () => {
    const dir = stateDir()
    Store.open(dir).close()
    writeFileSync(join(dir, 'journal.ndjson'), '["apiKeys","k0",{"id":')
    const store = Store.open(dir)
    store.put('apiKeys', 'k1', {id: 'k1'})
    expect(Store.open(dir).all('apiKeys')).toEqual([{id: 'k1'}])
  })

  it('writes a snapshot of many records (in pieces) that reads back whole: full pieces, a partial one, an emptied table, two regions', () => {
    const dir = stateDir()
    const store = Store.open(dir)
    for (let i = 0; i < 4000; i++) store.put('restApis', `a${i}`, {i})
    for (let i = 0; i < 2001; i++) store.inRegion('eu-west-1').put('apiKeys', `k${i}`, {i})
    store.put('stages', 's1', {id: 's1'})
    store.delete('stages', 's1')
    store.close()
    Store.open(dir).close()
    const snapshot = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'))
    expect(snapshot.regions['us-east-1'].restApis).toHaveLength(4000)
    expect(snapshot.regions['us-east-1'].stages).toEqual([])
    expect(snapshot.regions['eu-west-1'].apiKeys.at(-1)).toEqual(['k2000', {i: 2000}])
    const reopened = Store.open(dir)
    expect([reopened.count('restApis'), reopened.inRegion('eu-west-1').count('apiKeys')]).toEqual([4000, 2001])
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

  // docs/aws-behaviour.md#regions-are-independent
  it('keeps regions apart, in the journal and in the snapshot', () => {
    const dir = stateDir()
    const home = Store.open(dir)
    const eu = home.inRegion('eu-west-1')
    home.put('restApis', 'a1', {id: 'a1'})
    eu.put('restApis', 'b2', {id: 'b2'})
    eu.put('apiKeys', 'k1', {id: 'k1'})
    // Replayed from the journal (no close: as if killed), then from the snapshot that replay wrote.
    for (const reopened of [Store.open(dir), Store.open(dir)]) {
      expect(reopened.all('restApis')).toEqual([{id: 'a1'}])
      expect(reopened.count('apiKeys')).toBe(0)
      expect(reopened.inRegion('eu-west-1').all('restApis')).toEqual([{id: 'b2'}])
      expect(reopened.inRegion('eu-west-1').all('apiKeys')).toEqual([{id: 'k1'}])
      expect(reopened.regionNames().sort()).toEqual(['eu-west-1', 'us-east-1'])
      reopened.close()
    }
  })

  it('reads a state directory from before regions (version 1, journal lines without a region) as us-east-1', () => {
    const dir = stateDir()
    writeFileSync(join(dir, 'state.json'), JSON.stringify({version: 1, tables: {restApis: [['a1', {id: 'a1'}]]}}))
    writeFileSync(join(dir, 'journal.ndjson'), '["apiKeys","k1",{"id":"k1"}]\n')
    const store = Store.open(dir)
    expect(store.region).toBe('us-east-1')
    expect(store.all('restApis')).toEqual([{id: 'a1'}])
    expect(store.all('apiKeys')).toEqual([{id: 'k1'}])
    expect(store.regionNames()).toEqual(['us-east-1'])
  })

  it('empties every region on clear, and a region\'s store stays usable after it', () => {
    const store = Store.memory()
    const eu = store.inRegion('eu-west-1')
    eu.put('restApis', 'b2', {id: 'b2'})
    store.clear()
    expect(eu.count('restApis')).toBe(0)
    eu.put('restApis', 'c3', {id: 'c3'})
    expect(store.inRegion('eu-west-1').all('restApis')).toEqual([{id: 'c3'}])
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
