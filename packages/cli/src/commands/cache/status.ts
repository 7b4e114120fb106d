import {ApigwCommand} from '../../cli/base-command.js'
import {cacheStatus} from '../../lib/cache/index.js'
import {usageError} from '../../lib/errors.js'
import {parseWindow} from '../../lib/util/window.js'
import {metricWindowFlags, stageTargetFlags, windowOf} from '../../cli/flags.js'

export default class CacheStatus extends ApigwCommand {
  static summary = "show a REST stage's cache: the cluster, each method's caching, and the hit ratio"
  static description =
    "The cache cluster (enabled, size, status); for every method of the API, whether its responses are cached and with what settings (caching, TTL, encryption, cache control authorization, the integration's cache key parameters), its own or inherited from the stage-wide */* (which AWS applies to GET methods only); and, from one CloudWatch GetMetricData call, the hit ratio (CacheHitCount ÷ (CacheHitCount + CacheMissCount)) and the average integration latency over --since (default 1h), minute by minute. A minute without data stays empty, never 0. HTTP and WebSocket APIs have no stage cache (exit 2)."

  static examples = ['apigw cache status --api shop --stage prod', 'apigw cache status --api shop --stage prod --since 3h --json']

  static flags = {
    ...stageTargetFlags('rest'),
    ...metricWindowFlags('1h'),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CacheStatus)
    const window = parseWindow(windowOf(flags), '1h')
    if (window.sinceMs <= 0) throw usageError(`The window must be longer than 0; got ${window.label}.`, ['Try: --since 1h'])
    const {status, notices} = await cacheStatus(await this.session(), {api: flags.api, stage: flags.stage, ...window})
    for (const notice of notices) this.warning(notice)
    await this.emit({data: status, view: async () => (await import('../../cli/ui/cache-view.js')).cacheStatusView})
  }
}
