import {describe, expect, it} from 'vitest'
import {accessLogParser, fieldOf, formatVariables, logGroupName, parseRoute, parseStatus, routeOf} from '../../packages/cli/src/lib/logs/index.js'

// The console's four presets for REST, as AWS documents them, and a template of the operator's own.
const CLF = '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId'
const JSON_FORMAT = '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","routeKey":"$context.routeKey", "status":"$context.status","integrationLatency": $context.integrationLatency, "canary": $context.isCanaryRequest }'
const XML = '<request id="$context.requestId"> <ip>$context.identity.sourceIp</ip> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> </request>'
const CSV = '$context.identity.sourceIp,$context.httpMethod,$context.resourcePath,$context.status,$context.requestId'

describe('access log lines in the stage format', () => {
  it('CLF: quoted and bracketed parts, - for a missing value', () => {
    const fields = accessLogParser(CLF).parse('198.51.100.4 - - [07/Dec/2026:10:00:00 +0000] "GET /orders/{id} HTTP/1.1" 502 36 3f1c-req')!
    expect(fields).toMatchObject({requestId: '3f1c-req', status: '502', httpMethod: 'GET', resourcePath: '/orders/{id}', 'identity.sourceIp': '198.51.100.4', 'identity.caller': null, 'identity.user': null})
    expect([fieldOf(fields, 'ip'), fieldOf(fields, 'caller')]).toEqual(['198.51.100.4', null])
    expect(routeOf(fields)).toBe('GET /orders/{id}')
  })

  it('JSON: keys named by the template, numbers and booleans kept as text, the route key of an HTTP API', () => {
    const fields = accessLogParser(JSON_FORMAT).parse('{"requestId":"r1","ip":"203.0.113.9","requestTime":"-","httpMethod":"POST","routeKey":"POST /orders","status":"201","integrationLatency":87,"canary":true}')!
    expect(fields).toMatchObject({requestId: 'r1', 'identity.sourceIp': '203.0.113.9', requestTime: null, status: '201', integrationLatency: '87', isCanaryRequest: 'true'})
    expect([fieldOf(fields, 'ip'), fieldOf(fields, 'isCanaryRequest'), fieldOf(fields, 'integrationLatency')]).toEqual(['203.0.113.9', 'true', '87'])
    expect(routeOf(fields)).toBe('POST /orders')
  })

  it('XML and CSV', () => {
    const xml = accessLogParser(XML).parse('<request id="x-1"> <ip>192.0.2.1</ip> <httpMethod>DELETE</httpMethod> <resourcePath>/pets/{id}</resourcePath> <status>404</status> </request>')!
    expect([xml.requestId, xml.status, routeOf(xml)]).toEqual(['x-1', '404', 'DELETE /pets/{id}'])
    const csv = accessLogParser(CSV).parse('192.0.2.1,GET,/pets,200,c-9')!
    expect([csv.requestId, csv.status, routeOf(csv), fieldOf(csv, 'ip')]).toEqual(['c-9', '200', 'GET /pets', '192.0.2.1'])
  })

  it('any template: the text between variables must be there; a variable followed by a dot ends before it', () => {
    const parser = accessLogParser('id=$context.requestId status=$context.status. took $context.responseLatency ms')
    expect(parser.parse('id=abc status=503. took 29000 ms')).toEqual({requestId: 'abc', status: '503', responseLatency: '29000'})
    expect(formatVariables('a $context.status. b $context.identity.apiKeyId')).toEqual(['status', 'identity.apiKeyId'])
  })

  it.each([
    [CLF, 'GET /pets 200'],
    [CLF, ''],
    [JSON_FORMAT, '{"requestId": "r1"'],
    [JSON_FORMAT, '["r1"]'],
    [JSON_FORMAT, 'null'],
    [XML, '<request id="x-1"> <ip>192.0.2.1</ip>'],
    [CSV, 'text without the commas'],
  ])('a line not in the format %# is not parsed (null), never thrown on', (format, line) => {
    expect(accessLogParser(format).parse(line)).toBeNull()
  })
})

describe('options', () => {
  it('--status: classes and codes', () => {
    expect(parseStatus('5xx')).toEqual({from: 500, to: 599})
    expect(parseStatus('4XX')).toEqual({from: 400, to: 499})
    expect(parseStatus('502')).toEqual({from: 502, to: 502})
    for (const bad of ['6xx', '5x', '99', 'error', '']) expect(() => parseStatus(bad)).toThrow(/--status must be/)
  })

  it("--route: the method upper-cased, the path as written; WebSocket route keys", () => {
    expect(parseRoute('get /orders/{id}')).toBe('GET /orders/{id}')
    expect(parseRoute('$default')).toBe('$default')
    for (const bad of ['/orders', 'GET orders', 'GET']) expect(() => parseRoute(bad)).toThrow(/--route must be/)
  })

  it('the log group of an access log destination; null for Firehose', () => {
    expect(logGroupName('arn:aws:logs:us-east-1:123456789012:log-group:shop/access')).toBe('shop/access')
    expect(logGroupName('arn:aws:logs:us-east-1:123456789012:log-group:shop/access:*')).toBe('shop/access')
    expect(logGroupName('arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-shop')).toBeNull()
  })
})
