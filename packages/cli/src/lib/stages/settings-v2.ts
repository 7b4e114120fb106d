import {v2Routes} from '../catalog/index.js'
import type {V2RouteSettings, V2Stage, V2UpdateStageInput} from '../aws/index.js'
import type {LogLevel, RouteSettings, SettingChange, SettingsAdapter} from './settings.js'

/**
 * HTTP and WebSocket stages: UpdateStage takes plain fields, and a map or settings object sent may
 * replace the stored one whole (docs/aws-behaviour.md#version-2-stages-are-updated-with-plain-fields).
 * So each is sent as the current value with the changes merged in, and a field nobody changed is
 * not sent at all.
 */
export function v2Settings(kind: 'http' | 'websocket'): SettingsAdapter<V2Stage> {
  return {
    inapplicable(request) {
      if (request.tracing !== undefined) return {flag: '--tracing', why: 'X-Ray tracing exists for REST APIs only; HTTP and WebSocket stages have no tracing setting'}
      if (request.cacheCluster || request.caching || Object.keys(request.routeCaching ?? {}).length > 0) {
        return {flag: 'caching', why: 'the stage cache exists for REST APIs only; HTTP APIs cache nothing but authorizer results, and WebSocket APIs nothing at all'}
      }
      if (kind === 'http' && request.logging !== undefined) {
        return {flag: '--logging', why: 'HTTP APIs have no execution logs (logging levels are for REST and WebSocket APIs); an HTTP API logs requests with --access-log'}
      }
      if (kind === 'http' && request.dataTrace !== undefined) {
        return {flag: '--data-trace', why: 'HTTP APIs have no execution logs to trace data in (REST and WebSocket APIs do); an HTTP API logs requests with --access-log'}
      }
      return undefined
    },

    routeKeys: async (session, apiId) => (await v2Routes(session, apiId)).map((route) => route.routeKey),

    read(stage) {
      return {
        variables: stage.StageVariables ?? {},
        defaults: routeSettingsOf(stage.DefaultRouteSettings, kind),
        routes: Object.fromEntries(Object.entries(stage.RouteSettings ?? {}).map(([key, settings]) => [key, routeSettingsOf(settings, kind)])),
        tracing: null,
        accessLog: stage.AccessLogSettings ? {destinationArn: stage.AccessLogSettings.DestinationArn ?? null, format: stage.AccessLogSettings.Format ?? null} : null,
        autoDeploy: stage.AutoDeploy ?? false,
        cacheCluster: null,
      }
    },

    settingsKey: (route) => route,

    updateStep({session, apiId, stage, summary}, changes) {
      const input = v2UpdateInput(apiId, stage, changes)
      return {
        service: 'apigatewayv2',
        operation: 'UpdateStage',
        input: {...input},
        summary,
        run: async () => (await session.v2()).updateStage(input),
      }
    },
  }
}

/** Execution logging and data tracing exist for WebSocket routes only; HTTP's read as null. */
function routeSettingsOf(settings: V2RouteSettings | undefined, kind: 'http' | 'websocket'): RouteSettings {
  const {ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit} = settings ?? {}
  const websocket = kind === 'websocket'
  return {
    throttle: rateLimit === undefined && burstLimit === undefined ? null : {rateLimit: rateLimit ?? null, burstLimit: burstLimit ?? null},
    logging: websocket ? ((settings?.LoggingLevel as LogLevel | undefined) ?? null) : null,
    dataTrace: websocket ? (settings?.DataTraceEnabled ?? null) : null,
    metrics: settings?.DetailedMetricsEnabled ?? null,
    caching: null,
  }
}

/** The UpdateStage input that makes the changes: each field it sends is the stage's current value with the changes merged in. Pure. */
export function v2UpdateInput(apiId: string, stage: V2Stage, changes: SettingChange[]): V2UpdateStageInput {
  const input: V2UpdateStageInput = {ApiId: apiId, StageName: stage.StageName}
  const defaults = () => (input.DefaultRouteSettings ??= {...stage.DefaultRouteSettings})
  const route = (key: string) => {
    const routes = (input.RouteSettings ??= Object.fromEntries(Object.entries(stage.RouteSettings ?? {}).map(([name, settings]) => [name, {...settings}])))
    return (routes[key] ??= {})
  }
  for (const change of changes) {
    switch (change.setting) {
      case 'variable': {
        const variables = (input.StageVariables ??= {...stage.StageVariables})
        if (change.after === null) delete variables[change.key ?? '']
        else variables[change.key ?? ''] = change.after
        break
      }
      case 'throttle':
        Object.assign(change.key === null ? defaults() : route(change.key), {
          ThrottlingRateLimit: change.after?.rateLimit ?? undefined,
          ThrottlingBurstLimit: change.after?.burstLimit ?? undefined,
        })
        break
      case 'logging':
        defaults().LoggingLevel = change.after ?? undefined
        break
      case 'dataTrace':
        defaults().DataTraceEnabled = change.after ?? undefined
        break
      case 'metrics':
        defaults().DetailedMetricsEnabled = change.after ?? undefined
        break
      case 'accessLog':
        input.AccessLogSettings = {DestinationArn: change.after?.destinationArn ?? undefined, Format: change.after?.format ?? undefined}
        break
      case 'autoDeploy':
        input.AutoDeploy = change.after ?? undefined
        break
      case 'tracing':
      case 'cacheCluster':
      case 'caching':
        throw new Error(`HTTP and WebSocket stages have no ${change.setting} setting; v2Settings.inapplicable refuses it`)
    }
  }
  return input
}
