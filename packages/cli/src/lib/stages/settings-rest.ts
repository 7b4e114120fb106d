import {restResources} from '../catalog/index.js'
import {exclusively, restArn} from '../change/index.js'
import type {MethodSetting, PatchOperation, Stage} from '../aws/index.js'
import {cacheClusterOf} from '../catalog/index.js'
import {stageShowCommand, type LogLevel, type MethodCaching, type RouteSettings, type SettingChange, type SettingsAdapter, type StageSettings} from './settings.js'

/**
 * REST stages: settings are read from GetStage and written with ONE UpdateStage of JSON Patch
 * operations on AWS's exact paths (docs/aws-behaviour.md#updatestage-takes-a-fixed-list-of-paths). Stage-wide method settings live under `/*\/*`;
 * one method's under `/<resource path, "/" written "~1">/<METHOD>`.
 */

const ALL_METHODS = '*/*'

export const restSettings: SettingsAdapter<Stage> = {
  inapplicable(request) {
    if (request.autoDeploy !== undefined) {
      return {flag: '--auto-deploy', why: 'REST stages do not deploy themselves; a REST API is released to a stage with CreateDeployment (apigw deploy)'}
    }
    for (const route of Object.keys(request.routeThrottles)) {
      if (!route.includes(' ')) return {flag: '--method-throttle', why: `REST method settings name a method and a resource path, like 'GET /pets', not "${route}"`}
      if (route.startsWith('ANY ')) return {flag: '--method-throttle', why: `REST method settings name one method, not ANY: give GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS for "${route.slice(4)}"`}
    }
    return undefined
  },

  routeKeys: async (session, apiId) =>
    (await restResources(session, apiId)).flatMap((resource) => resource.methods.map((method) => `${method.method} ${resource.path}`)),

  read(stage): StageSettings {
    const methodSettings = stage.methodSettings ?? {}
    const routes = Object.fromEntries(Object.entries(methodSettings).map(([key, setting]) => [key, methodSettingsOf(setting)]))
    const {enabled, size} = cacheClusterOf(stage)
    return {
      variables: stage.variables ?? {},
      defaults: routes[ALL_METHODS] ?? {throttle: null, logging: null, dataTrace: null, metrics: null, caching: null},
      routes,
      tracing: stage.tracingEnabled ?? false,
      accessLog: stage.accessLogSettings ? {destinationArn: stage.accessLogSettings.destinationArn ?? null, format: stage.accessLogSettings.format ?? null} : null,
      autoDeploy: null,
      cacheCluster: {enabled, size},
    }
  },

  /** "GET /pets" → "pets/GET" (methodSettings keys have no leading slash). */
  settingsKey(route) {
    const [method, path] = route.split(' ')
    return `${path.replace(/^\//, '')}/${method}`
  },

  updateStep({session, apiId, stage, summary}, changes) {
    const stageName = stage.stageName ?? ''
    const patchOperations = restPatchOperations(changes)
    return {
      service: 'apigateway',
      operation: 'UpdateStage',
      input: {restApiId: apiId, stageName, patchOperations},
      summary,
      // One apigw at a time changes the stage (change/exclusive.ts); the stage is read back afterwards (set.ts).
      run: () =>
        exclusively(session, restArn(session, `/restapis/${apiId}/stages/${stageName}`), {subject: `Stage "${stageName}" of REST API ${apiId}`, look: stageShowCommand(apiId, stageName)}, async () =>
          (await session.rest()).updateStage(apiId, stageName, patchOperations),
        ),
    }
  },
}

function methodSettingsOf(setting: MethodSetting): RouteSettings {
  return {
    throttle: {rateLimit: setting.throttlingRateLimit ?? null, burstLimit: setting.throttlingBurstLimit ?? null},
    logging: (setting.loggingLevel as LogLevel | undefined) ?? null,
    dataTrace: setting.dataTraceEnabled ?? null,
    metrics: setting.metricsEnabled ?? null,
    caching: {
      enabled: setting.cachingEnabled ?? null,
      ttlInSeconds: setting.cacheTtlInSeconds ?? null,
      dataEncrypted: setting.cacheDataEncrypted ?? null,
      requireAuthorizationForCacheControl: setting.requireAuthorizationForCacheControl ?? null,
      unauthorizedCacheControlHeaderStrategy: setting.unauthorizedCacheControlHeaderStrategy ?? null,
    },
  }
}

/** A JSON Pointer segment: "~" is written "~0" and "/" is written "~1" (RFC 6901). */
const pointerSegment = (text: string) => text.replaceAll('~', '~0').replaceAll('/', '~1')

/** `/*\/*` for every method, `/~1pets~1{id}/GET` for GET /pets/{id}. */
function methodPath(route: string | null): string {
  if (route === null) return `/${ALL_METHODS}`
  const [method, path] = route.split(' ')
  return `/${pointerSegment(path)}/${method}`
}

const replace = (path: string, value: string): PatchOperation => ({op: 'replace', path, value})

/** The patch operations that make the changes, in the order given. Pure: what --dry-run shows is what is sent. */
export function restPatchOperations(changes: SettingChange[]): PatchOperation[] {
  return changes.flatMap((change): PatchOperation[] => {
    switch (change.setting) {
      case 'variable':
        return [change.after === null ? {op: 'remove', path: `/variables/${change.key}`} : replace(`/variables/${change.key}`, change.after)]
      case 'throttle': {
        const prefix = methodPath(change.key)
        return [replace(`${prefix}/throttling/rateLimit`, String(change.after?.rateLimit)), replace(`${prefix}/throttling/burstLimit`, String(change.after?.burstLimit))]
      }
      case 'logging':
        return [replace(`${methodPath(null)}/logging/loglevel`, String(change.after))]
      case 'dataTrace':
        return [replace(`${methodPath(null)}/logging/dataTrace`, String(change.after))]
      case 'metrics':
        return [replace(`${methodPath(null)}/metrics/enabled`, String(change.after))]
      case 'tracing':
        return [replace('/tracingEnabled', String(change.after))]
      case 'accessLog': {
        const {before, after} = change
        return (['destinationArn', 'format'] as const)
          .filter((field) => after?.[field] != null && after[field] !== before?.[field])
          .map((field) => replace(`/accessLogSettings/${field}`, after?.[field] ?? ''))
      }
      case 'cacheCluster': {
        const {before, after} = change
        return [
          ...(after?.enabled !== before?.enabled ? [replace('/cacheClusterEnabled', String(after?.enabled))] : []),
          ...(after?.enabled && after.size !== null && after.size !== before?.size ? [replace('/cacheClusterSize', after.size)] : []),
        ]
      }
      case 'caching':
        return (Object.entries(change.after ?? {}) as Array<[keyof MethodCaching, unknown]>).map(([field, value]) => replace(`${methodPath(change.key)}/caching/${CACHING_PATHS[field]}`, String(value)))
      case 'autoDeploy':
        throw new Error('REST stages have no auto-deploy; restSettings.inapplicable refuses it')
    }
  })
}

/** Where each caching field lives under a method's path (docs/aws-behaviour.md#updatestage-takes-a-fixed-list-of-paths). */
const CACHING_PATHS: Record<keyof MethodCaching, string> = {
  enabled: 'enabled',
  ttlInSeconds: 'ttlInSeconds',
  dataEncrypted: 'dataEncrypted',
  requireAuthorizationForCacheControl: 'requireAuthorizationForCacheControl',
  unauthorizedCacheControlHeaderStrategy: 'unauthorizedCacheControlHeaderStrategy',
}
