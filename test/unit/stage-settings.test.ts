import {describe, expect, it} from 'vitest'
import type {ApigwError} from '../../packages/cli/src/lib/errors.js'
import {accessLogFormat} from '../../packages/cli/src/lib/stages/access-log-formats.js'
import {parseSettingsRequest, parseVariables} from '../../packages/cli/src/lib/stages/settings-request.js'
import {restPatchOperations, restSettings} from '../../packages/cli/src/lib/stages/settings-rest.js'
import {v2UpdateInput} from '../../packages/cli/src/lib/stages/settings-v2.js'
import {changesSeverity, settingChanges, type SettingChange, type StageSettings} from '../../packages/cli/src/lib/stages/settings.js'

const failure = (run: () => unknown): ApigwError => {
  try {
    run()
  } catch (error) {
    return error as ApigwError
  }
  return expect.unreachable('it did not throw')
}

const NOTHING: StageSettings = {
  variables: {},
  defaults: {throttle: null, logging: null, dataTrace: null, metrics: null, caching: null},
  routes: {},
  tracing: false,
  accessLog: null,
  autoDeploy: null,
  cacheCluster: {enabled: false, size: null},
}

describe('restPatchOperations', () => {
  it('writes stage-wide settings under /*/* and a method under its ~1-escaped resource path', () => {
    const changes: SettingChange[] = [
      {setting: 'throttle', key: null, before: null, after: {rateLimit: 100, burstLimit: 50}},
      {setting: 'throttle', key: 'GET /pets/{id}', before: null, after: {rateLimit: 2.5, burstLimit: 5}},
      {setting: 'logging', key: null, before: null, after: 'INFO'},
      {setting: 'dataTrace', key: null, before: null, after: true},
      {setting: 'metrics', key: null, before: false, after: false},
      {setting: 'tracing', key: null, before: false, after: true},
    ]
    expect(restPatchOperations(changes)).toEqual([
      {op: 'replace', path: '/*/*/throttling/rateLimit', value: '100'},
      {op: 'replace', path: '/*/*/throttling/burstLimit', value: '50'},
      {op: 'replace', path: '/~1pets~1{id}/GET/throttling/rateLimit', value: '2.5'},
      {op: 'replace', path: '/~1pets~1{id}/GET/throttling/burstLimit', value: '5'},
      {op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO'},
      {op: 'replace', path: '/*/*/logging/dataTrace', value: 'true'},
      {op: 'replace', path: '/*/*/metrics/enabled', value: 'false'},
      {op: 'replace', path: '/tracingEnabled', value: 'true'},
    ])
  })

  it('escapes "~" before "/" (RFC 6901), so a path with both round-trips', () => {
    expect(restPatchOperations([{setting: 'throttle', key: 'PUT /a~b/c', before: null, after: {rateLimit: 1, burstLimit: 1}}])[0].path).toBe('/~1a~0b~1c/PUT/throttling/rateLimit')
  })

  it('sets variables with replace, removes them with remove, and sends only the access log fields that change', () => {
    const operations = restPatchOperations([
      {setting: 'variable', key: 'color', before: null, after: 'blue'},
      {setting: 'variable', key: 'legacy', before: 'yes', after: null},
      {setting: 'accessLog', key: null, before: {destinationArn: 'arn:aws:logs:x', format: 'old $context.requestId'}, after: {destinationArn: 'arn:aws:logs:x', format: 'new $context.requestId'}},
    ])
    expect(operations).toEqual([
      {op: 'replace', path: '/variables/color', value: 'blue'},
      {op: 'remove', path: '/variables/legacy'},
      {op: 'replace', path: '/accessLogSettings/format', value: 'new $context.requestId'},
    ])
  })

  it('keys method settings as AWS does: no leading slash, method last', () => {
    expect(restSettings.settingsKey('GET /pets')).toBe('pets/GET')
    expect(restSettings.settingsKey('DELETE /pets/{id}')).toBe('pets/{id}/DELETE')
  })
})

describe('v2UpdateInput', () => {
  const stage = {
    StageName: 'live',
    StageVariables: {color: 'blue', legacy: 'yes'},
    DefaultRouteSettings: {DetailedMetricsEnabled: false, ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5},
    RouteSettings: {'GET /pets': {ThrottlingRateLimit: 1, ThrottlingBurstLimit: 1}},
  }

  it('sends each changed map whole, with the current entries merged in, and leaves the stage as it was', () => {
    const before = structuredClone(stage)
    const input = v2UpdateInput('api1', stage, [
      {setting: 'variable', key: 'tier', before: null, after: 'gold'},
      {setting: 'variable', key: 'legacy', before: 'yes', after: null},
      {setting: 'metrics', key: null, before: false, after: true},
      {setting: 'throttle', key: 'POST /pets', before: null, after: {rateLimit: 3, burstLimit: 2}},
    ])
    expect(input).toEqual({
      ApiId: 'api1',
      StageName: 'live',
      StageVariables: {color: 'blue', tier: 'gold'},
      DefaultRouteSettings: {DetailedMetricsEnabled: true, ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5},
      RouteSettings: {'GET /pets': {ThrottlingRateLimit: 1, ThrottlingBurstLimit: 1}, 'POST /pets': {ThrottlingRateLimit: 3, ThrottlingBurstLimit: 2}},
    })
    expect(stage).toEqual(before)
  })

  it('sends only the fields that change', () => {
    expect(v2UpdateInput('api1', stage, [{setting: 'autoDeploy', key: null, before: false, after: true}])).toEqual({ApiId: 'api1', StageName: 'live', AutoDeploy: true})
  })
})

describe('settingChanges', () => {
  const current: StageSettings = {
    ...NOTHING,
    variables: {color: 'blue'},
    defaults: {...NOTHING.defaults, throttle: {rateLimit: 100, burstLimit: 50}, metrics: true},
    routes: {'pets/GET': {...NOTHING.defaults, throttle: {rateLimit: 10, burstLimit: 5}}},
  }

  it('leaves out settings that already have the value, and puts method settings last', () => {
    const request = parseSettingsRequest({methodThrottles: ['GET /pets=20:5'], throttle: '100:50', variables: ['color=blue', 'size=xl'], metrics: 'on', logging: 'error'})
    const changes = settingChanges(current, request, restSettings.settingsKey)
    expect(changes).toEqual([
      {setting: 'variable', key: 'size', before: null, after: 'xl'},
      {setting: 'logging', key: null, before: null, after: 'ERROR'},
      {setting: 'throttle', key: 'GET /pets', before: {rateLimit: 10, burstLimit: 5}, after: {rateLimit: 20, burstLimit: 5}},
    ])
  })

  it('completes access logging from the current settings, and refuses half of it', () => {
    const logged = {...current, accessLog: {destinationArn: 'arn:aws:logs:us-east-1:1:log-group:a', format: '$context.requestId'}}
    const [change] = settingChanges(logged, parseSettingsRequest({accessLogFormat: 'csv $context.requestId'}), restSettings.settingsKey)
    expect(change.after).toEqual({destinationArn: 'arn:aws:logs:us-east-1:1:log-group:a', format: 'csv $context.requestId'})
    const error = failure(() => settingChanges(current, parseSettingsRequest({accessLogFormat: 'json'}), restSettings.settingsKey))
    expect(error).toMatchObject({code: 'ACCESS_LOG_INCOMPLETE', exitCode: 2})
  })
})

describe('changesSeverity', () => {
  it('is safe when every change adds (unset or off before), destructive when one changes or removes a value', () => {
    expect(changesSeverity([{setting: 'variable', key: 'a', before: null, after: 'b'}, {setting: 'tracing', key: null, before: false, after: true}, {setting: 'logging', key: null, before: 'OFF', after: 'INFO'}])).toBe('safe')
    expect(changesSeverity([{setting: 'variable', key: 'a', before: 'b', after: null}])).toBe('destructive')
    expect(changesSeverity([{setting: 'metrics', key: null, before: true, after: false}])).toBe('destructive')
    expect(changesSeverity([{setting: 'throttle', key: null, before: {rateLimit: 1, burstLimit: 1}, after: {rateLimit: 2, burstLimit: 1}}])).toBe('destructive')
  })
})

describe('parseSettingsRequest', () => {
  it('refuses a throttle that is not rate:burst, showing the form', () => {
    const error = failure(() => parseSettingsRequest({throttle: 'abc'}))
    expect(error).toMatchObject({exitCode: 2, message: '--throttle "abc" is not rate:burst (requests per second, then the largest burst, a whole number).', suggestions: ['Try: --throttle 100:50']})
    expect(failure(() => parseSettingsRequest({throttle: '10:2.5'})).exitCode).toBe(2)
  })

  it('refuses an unknown method, listing the methods, and a path without a leading slash', () => {
    expect(failure(() => parseSettingsRequest({methodThrottles: ['FETCH /pets=1:1']})).message).toBe('--method-throttle "FETCH /pets": "FETCH" is not a method. Methods: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY.')
    expect(failure(() => parseSettingsRequest({methodThrottles: ['GET pets=1:1']})).message).toBe('--method-throttle "GET pets": the path must start with "/", as in "GET /pets".')
    expect(failure(() => parseSettingsRequest({methodThrottles: ['GET /pets']})).message).toContain('needs =rate:burst')
  })

  it('normalises routes and takes bare route keys as they are', () => {
    expect(parseSettingsRequest({methodThrottles: ['get  /pets=1:2', '$connect=3:4']}).routeThrottles).toEqual({'GET /pets': {rateLimit: 1, burstLimit: 2}, $connect: {rateLimit: 3, burstLimit: 4}})
  })

  it('checks stage variables by AWS rules, and refuses one both set and unset', () => {
    expect(parseVariables(['url=https://x.example.com/a?b=c', 'n=1'])).toEqual({url: 'https://x.example.com/a?b=c', n: '1'})
    expect(failure(() => parseVariables(['bad-name=1'])).message).toContain('"bad-name" is not a stage variable name')
    expect(failure(() => parseVariables(['a=has space'])).message).toContain('is not allowed')
    expect(failure(() => parseVariables(['a'])).message).toBe('--var "a" is not name=value.')
    expect(failure(() => parseSettingsRequest({variables: ['a=1'], unsetVariables: ['a']})).message).toContain('both set (--var) and unset (--unset-var)')
  })

  it('refuses an empty request, listing every setting', () => {
    const error = failure(() => parseSettingsRequest({}))
    expect(error.code).toBe('NO_SETTINGS')
    expect(error.message).toContain("--throttle rate:burst, --method-throttle 'GET /pets=rate:burst', --logging off|error|info")
  })

  it('refuses an access log destination that is not an ARN and a format without $context.requestId', () => {
    expect(failure(() => parseSettingsRequest({accessLog: 'my-log-group'})).exitCode).toBe(2)
    expect(failure(() => parseSettingsRequest({accessLogFormat: '$context.status'})).message).toContain('a preset (clf, json, xml, csv) or a format containing $context.requestId')
  })
})

describe('accessLogFormat', () => {
  it('writes each preset from the kind\'s own $context variables, always with the request id', () => {
    for (const kind of ['rest', 'http', 'websocket'] as const) {
      for (const preset of ['clf', 'json', 'xml', 'csv']) expect(accessLogFormat(preset, kind)).toContain('$context.requestId')
    }
    expect(accessLogFormat('clf', 'rest')).toBe(
      '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId',
    )
    expect(accessLogFormat('csv', 'websocket')).toBe(
      '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.eventType,$context.routeKey,$context.connectionId,$context.status,$context.requestId',
    )
  })

  it('makes JSON that parses once the variables are filled in', () => {
    const line = accessLogFormat('json', 'http').replaceAll(/\$context\.[\w.]+/g, 'x')
    expect(Object.keys(JSON.parse(line))).toEqual(['requestId', 'ip', 'caller', 'user', 'requestTime', 'httpMethod', 'routeKey', 'protocol', 'status', 'responseLength'])
  })

  it('keeps a format that is not a preset', () => {
    expect(accessLogFormat('$context.requestId $context.status', 'rest')).toBe('$context.requestId $context.status')
  })
})
