import {acmService, type AcmService} from './acm/service.js'
import {cloudWatchService, type CloudWatchService} from './cloudwatch/service.js'
import type {SandboxContext} from './context.js'
import type {Router} from './http.js'
import {logsService, type LogsService} from './logs/service.js'
import {TABLES} from './model.js'
import {restRoutes} from './rest/routes.js'
import {v2Routes} from './v2/routes.js'

/** What serves one region: its context (its own store) and the services built on it. */
export interface Region {
  context: SandboxContext
  rest: Router
  v2: Router
  cloudWatch: CloudWatchService
  logs: LogsService
  acm: AcmService
}

/**
 * The sandbox's regions, each with its own state, as AWS keeps them apart
 * (docs/aws-behaviour.md#regions-are-independent). A region's services are built once, on its first
 * request, over a context whose `store` and `region` are that region's: every handler, and every
 * collection added later, is per region without knowing regions exist.
 */
export class Regions {
  private readonly built = new Map<string, Region>()

  /** `home` is the default region's context; the others share its clock, account and ids. */
  constructor(private readonly home: SandboxContext) {}

  of(region: string): Region {
    let found = this.built.get(region)
    if (!found) {
      const context = region === this.home.region ? this.home : {...this.home, region, store: this.home.store.inRegion(region)}
      this.built.set(region, (found = {context, rest: restRoutes(context), v2: v2Routes(context), cloudWatch: cloudWatchService(context), logs: logsService(context), acm: acmService(context)}))
    }
    return found
  }

  /** The region holding the REST or v2 API `apiId` (ids are unique across regions); the default region if none does. */
  ofApi(apiId: string): Region {
    for (const region of this.home.store.regionNames()) {
      const store = this.home.store.inRegion(region)
      if (store.get(TABLES.restApis, apiId) ?? store.get(TABLES.v2Apis, apiId)) return this.of(region)
    }
    return this.of(this.home.region)
  }
}
