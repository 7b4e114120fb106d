import {describe, expect, it} from 'vitest'
import {byOperation, compareDefinitions} from '../../packages/cli/src/lib/openapi/compare.js'
import type {NormalizedApi} from '../../packages/cli/src/lib/openapi/normalize.js'

/** A map that counts what reads it: lookups by key, and passes over all of it. */
class CountingMap<V> extends Map<string, V> {
  lookups = 0
  passes = 0
  override get(key: string) {
    this.lookups++
    return super.get(key)
  }
  override has(key: string) {
    this.lookups++
    return super.has(key)
  }
  override entries() {
    this.passes++
    return super.entries()
  }
  override keys() {
    this.passes++
    return super.keys()
  }
  override values() {
    this.passes++
    return super.values()
  }
  override forEach(...args: Parameters<Map<string, V>['forEach']>) {
    this.passes++
    super.forEach(...args)
  }
  override [Symbol.iterator]() {
    this.passes++
    return super[Symbol.iterator]()
  }
}

const api = (entries: Record<string, Record<string, string | number | boolean>>): NormalizedApi => new Map(Object.entries(entries))

describe('compareDefinitions', () => {
  it('finds two equal definitions equal', () => {
    const same = {'GET /a': {'integration.uri': 'https://a'}, 'POST /a': {authorization: 'NONE'}}
    expect(compareDefinitions(api(same), api(structuredClone(same)))).toEqual({equal: true, added: [], removed: [], changed: []})
  })

  it('lists operations only in the file as added, only in AWS as removed, and each changed field with both values', () => {
    const file = api({
      'GET /pets/{id}': {'integration.uri': 'https://new', 'integration.timeoutInMillis': 5000, authorization: 'NONE'},
      'POST /orders': {authorization: 'NONE'},
      'GET /health': {authorization: 'NONE'},
    })
    const aws = api({
      'GET /pets/{id}': {'integration.uri': 'https://old', authorization: 'NONE', apiKeyRequired: true},
      'DELETE /legacy': {authorization: 'NONE'},
      'GET /health': {authorization: 'NONE'},
    })
    expect(compareDefinitions(file, aws)).toEqual({
      equal: false,
      added: ['POST /orders'],
      removed: ['DELETE /legacy'],
      changed: [
        {
          operation: 'GET /pets/{id}',
          changes: [
            {field: 'apiKeyRequired', file: null, aws: true},
            {field: 'integration.timeoutInMillis', file: 5000, aws: null},
            {field: 'integration.uri', file: 'https://new', aws: 'https://old'},
          ],
        },
      ],
    })
  })

  it('sorts operations by path, then method', () => {
    expect(['POST /pets', 'GET /pets/{id}', 'GET /pets', '$default', 'DELETE /a'].sort(byOperation)).toEqual(['$default', 'DELETE /a', 'GET /pets', 'POST /pets', 'GET /pets/{id}'])
  })

  it('matches operations by name, not pairwise: 20,000 operations cost a few lookups each, not 20,000', () => {
    const operations = (uri: string) => new CountingMap(Array.from({length: 20_000}, (_, i) => [`GET /r${i}`, {'integration.uri': `${uri}/${i}`}]))
    const [file, aws] = [operations('https://a'), operations('https://b')]
    const diff = compareDefinitions(file, aws)
    expect(diff.changed).toHaveLength(20_000)
    // Pairwise matching would walk one side once per operation of the other: 20,000 passes.
    for (const side of [file, aws]) {
      expect(side.passes).toBeLessThanOrEqual(2)
      expect(side.lookups).toBeLessThanOrEqual(2 * 20_000)
    }
  })
})
