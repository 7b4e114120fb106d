import {describe, expect, it} from 'vitest'
import {summaryQueries, summaryTables} from '../../packages/cli/src/lib/logs/index.js'

const CLF = '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId'
const JSON_FORMAT = '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "key": "$context.identity.apiKeyId", "route":"$context.routeKey", "status":"$context.status", "integration latency": $context.integrationLatency }'

describe('Logs Insights queries in the stage format', () => {
  it('JSON: the keys the template gives, quoted', () => {
    const queries = summaryQueries(JSON_FORMAT)
    expect(queries.requests).toEqual({query: 'stats count(*) as requests by @log, `route` as route, `status` as status | limit 10000'})
    expect(queries.latency).toEqual({query: 'stats pct(`integration latency`, 99) as p99, count(*) as requests by `route` as route | sort p99 desc | limit 10'})
    expect(queries.callers).toEqual({query: 'stats count(*) as requests by `key` as key, `ip` as ip, `status` as status | limit 10000'})
  })

  it('any other format: a parse with a named group per variable, which reads the lines as the parser does', () => {
    const queries = summaryQueries(CLF)
    const query = (queries.requests as {query: string}).query
    const [, regex] = /^parse @message \/(.*)\/ \| stats count\(\*\) as requests by @log, httpMethod as method, resourcePath as path, status as status \| limit 10000$/.exec(query)!
    const groups = new RegExp(regex.replaceAll('\\/', '/')).exec('198.51.100.4 - - [07/Dec/2026:10:00:00 +0000] "GET /orders/{id} HTTP/1.1" 502 36 3f1c')!.groups
    expect(groups).toMatchObject({identity_sourceIp: '198.51.100.4', httpMethod: 'GET', resourcePath: '/orders/{id}', status: '502', requestId: '3f1c'})
    expect(queries.latency).toEqual({missing: "the stage's access log format has no $context.integrationLatency"})
    expect((queries.callers as {query: string}).query).toMatch(/stats count\(\*\) as requests by identity_sourceIp as ip, status as status/)
  })
})

describe('the tables from the rows', () => {
  const row = (log: string, path: string, status: number, requests: number) => ({'@log': `123456789012:${log}`, method: 'GET', path, status: String(status), requests: String(requests)})
  it("errors by route from the stage's group; the base is the stage's group less the canary's", () => {
    const requests = [
      row('access', '/pets', 200, 900),
      row('access', '/pets', 502, 30),
      row('access', '/pets/{id}', 404, 12),
      row('access/Canary', '/pets', 200, 90),
      row('access/Canary', '/pets', 502, 10),
    ]
    const tables = summaryTables({requests, latency: null, callers: [{key: 'k1', ip: '192.0.2.1', status: '200', requests: '5'}, {key: 'k2', ip: '192.0.2.1', status: '502', requests: '7'}, {key: 'k1', ip: '192.0.2.2', status: '404', requests: '1'}, {key: '-', ip: '192.0.2.9', status: '200', requests: '2'}]}, true)
    expect(tables.errors).toEqual([
      {route: 'GET /pets', status: 502, requests: 30},
      {route: 'GET /pets/{id}', status: 404, requests: 12},
    ])
    expect(tables.sides.base).toEqual({requests: 842, '4xx': 12, '5xx': 20, '4xxRate': 12 / 842, '5xxRate': 20 / 842})
    expect(tables.sides.canary).toEqual({requests: 100, '4xx': 0, '5xx': 10, '4xxRate': 0, '5xxRate': 0.1})
    expect(tables.callers).toEqual([
      {caller: 'k2', requests: 7, '4xx': 0, '5xx': 7},
      {caller: 'k1', requests: 6, '4xx': 1, '5xx': 0},
      {caller: '192.0.2.9', requests: 2, '4xx': 0, '5xx': 0},
    ])
    expect(tables.slowest).toBeNull()
  })

  it('no canary group: the base is all; no requests: rates null', () => {
    expect(summaryTables({requests: [], latency: [], callers: null}, false)).toEqual({
      errors: [],
      slowest: [],
      callers: null,
      sides: {base: {requests: 0, '4xx': 0, '5xx': 0, '4xxRate': null, '5xxRate': null}, canary: null},
    })
  })
})
