import {describe, expect, it} from 'vitest'
import {MAX_QUERIES_PER_CALL} from '../../packages/cli/src/lib/aws/cloudwatch-limits.js'
import {CACHE_SIZES, DEFAULT_CACHE_SIZE, parseCacheSize, parseTtl} from '../../packages/cli/src/lib/cache/limits.js'
import {checkPercent} from '../../packages/cli/src/lib/canary/request.js'
import {keyNameProblem, keyValueProblem, MAX_NAME_LENGTH, MAX_VALUE_LENGTH, MIN_VALUE_LENGTH} from '../../packages/cli/src/lib/keys/limits.js'
import {INTEGRATION, OPERATION_METHODS} from '../../packages/cli/src/lib/openapi/shape.js'
import {QUOTA_PERIODS} from '../../packages/cli/src/lib/usage-plans/options.js'
import {csvRows} from '../../packages/cli/src/lib/util/csv.js'
import {checkStageName} from '../../packages/cli/src/lib/util/stage-name.js'
import * as facts from '../../packages/sandbox/src/facts.js'

// apigw checks some of AWS's rules itself, before any call; the sandbox enforces them as AWS would.
// Each side keeps its own copy (the sandbox imports nothing of apigw's), so these tests compare
// them: a rule written wrong on one side fails here instead of passing on both.

const accepts = (check: () => unknown) => {
  try {
    check()
    return true
  } catch {
    return false
  }
}

describe("apigw's rules agree with the sandbox's facts", () => {
  it('API key values: the same lengths, refused in the same words', () => {
    expect([MIN_VALUE_LENGTH, MAX_VALUE_LENGTH]).toEqual([facts.API_KEY_VALUE_LENGTH.min, facts.API_KEY_VALUE_LENGTH.max])
    for (let length = 0; length <= 200; length++) {
      const value = 'k'.repeat(length)
      expect(keyValueProblem(value), `a value of ${length} characters`).toBe(facts.apiKeyValueRefusal(value))
    }
  })

  it('API key names: the same longest name, refused in the same words', () => {
    expect(MAX_NAME_LENGTH).toBe(facts.API_KEY_NAME_MAX_LENGTH)
    for (const name of [undefined, '', 'partner-acme', 'n'.repeat(1023), 'n'.repeat(1024), 'n'.repeat(1025), 'n'.repeat(4000)]) {
      expect(keyNameProblem(name), `a name of ${name?.length} characters`).toBe(facts.apiKeyNameRefusal(name))
    }
  })

  it('OpenAPI: the same path item keys become the same methods, integrated under the same key', () => {
    expect(OPERATION_METHODS).toEqual(facts.OPENAPI_METHODS)
    expect(INTEGRATION).toBe(facts.OPENAPI_INTEGRATION_KEY)
  })

  it('cache clusters: the same sizes, spelt alike, and the same default', () => {
    expect([...CACHE_SIZES]).toEqual(facts.CACHE_CLUSTER_SIZES)
    expect(DEFAULT_CACHE_SIZE).toBe(facts.DEFAULT_CACHE_CLUSTER_SIZE)
    for (const size of facts.CACHE_CLUSTER_SIZES) expect(parseCacheSize(size)).toBe(size)
  })

  it('cache TTLs: --ttl takes exactly the range the sandbox takes', () => {
    const {min, max} = facts.CACHE_TTL_SECONDS
    for (const ttl of [min - 1, min, 300, max, max + 1]) {
      expect(accepts(() => parseTtl(String(ttl))), `--ttl ${ttl}`).toBe(ttl >= min && ttl <= max)
    }
  })

  it('stage names: --stage takes exactly the REST stage names the sandbox takes', () => {
    const names = ['prod', 'beta_2', 'blue-green', 'S'.repeat(128), 'S'.repeat(129), '', 'pro d', 'v1.2', 'prod/1', 'prød', 'prod$']
    for (const name of names) expect(accepts(() => checkStageName(name)), JSON.stringify(name)).toBe(facts.REST_STAGE_NAME.test(name))
  })

  it('canaries: --percent takes exactly the shares of traffic the sandbox takes', () => {
    const {min, max} = facts.CANARY_PERCENT_TRAFFIC
    for (const percent of [min - 0.5, min, 12.5, max, max + 0.5]) {
      expect(accepts(() => checkPercent(percent)), `--percent ${percent}`).toBe(percent >= min && percent <= max)
    }
  })

  it('usage plans: --quota names the periods the sandbox takes', () => {
    expect([...QUOTA_PERIODS]).toEqual(facts.USAGE_PLAN_QUOTA_PERIODS)
  })

  it('GetMetricData: apigw batches no more queries per call than the sandbox takes', () => {
    expect(MAX_QUERIES_PER_CALL).toBe(facts.GET_METRIC_DATA_MAX_QUERIES)
  })

  it('API key import files: `keys import` reads a CSV file row for row as the sandbox does', () => {
    const files = [
      'Name,Key,Enabled\npartner-acme,abcdefghijklmnopqrstuvwxyz,true\n',
      'name,key\r\n"quoted, with a comma","a value ""with"" quotes"\r\n',
      "Name,Key\n'single, quoted','it''s a value of some length'\n",
      'Name,Key,Description\n\n  \nfirst,value-one,"two\nlines"\nsecond,value-two,\n',
      'Name,Key\n  "padded" ,  bare with blanks  \n"ab"cd,ef"gh\n',
      'Name,Key\nunterminated,"runs to the end\nof the file',
      'Name,Key,UsagePlanIds\nlast,no-newline,"p1,p2"',
      'Name,Key,\n,,\ntrailing,comma,',
      '',
    ]
    for (const text of files) expect(csvRows(text), JSON.stringify(text)).toEqual(facts.apiKeyCsvRows(text))
  })
})
