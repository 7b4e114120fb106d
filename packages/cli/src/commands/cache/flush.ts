import {ApigwCommand} from '../../cli/base-command.js'
import {cacheWait, cacheWaitFlags} from '../../cli/cache-flags.js'
import {apiFlag, changeFlags, stagesFlag} from '../../cli/flags.js'
import {Flags} from '../../cli/oclif/command.js'
import {stderrPalette} from '../../cli/report.js'
import {flushAgainCommand, loadRecoveryWatch, prepareFlush} from '../../lib/cache/index.js'
import type {ChangeIO} from '../../lib/change/index.js'
import type {ChangeRun} from '../../lib/change/index.js'
import {ExitCode, usageError} from '../../lib/errors.js'
import {formatDuration, parseDuration} from '../../lib/util/duration.js'

/** Between looks of --verify: API Gateway publishes a datapoint a minute, so more often shows nothing new. */
const VERIFY_INTERVAL_MS = 10_000

export default class CacheFlush extends ApigwCommand {
  static summary = "flush stage caches (REST) or authorizer caches, and watch the hit ratio recover"
  static description =
    "REST: FlushStageCache, and FlushStageAuthorizersCache with --authorizers. HTTP APIs have no response cache, only an authorizer cache: --authorizers resets it (ResetAuthorizersCache), and a plain flush is refused with that explained (exit 2). A REST stage with no cache cluster to flush is refused before anything is flushed (exit 5). --all-stages, or --stage repeated, flushes a fleet: 4 stages at once, each stage's result reported, and exit 8 when any failed. --wait follows each flushed cache through FLUSH_IN_PROGRESS until AVAILABLE (exit 7 after --timeout). --verify then watches one stage's hit ratio and integration latency for --verify-for (default 5m; the backend takes the full load until the cache refills), with a chart on stderr."

  static examples = [
    'apigw cache flush --api shop --stage prod',
    'apigw cache flush --api shop --stage prod --wait --verify --verify-for 3m',
    'apigw cache flush --api shop --all-stages --authorizers --json',
    'apigw cache flush --api shop --stage beta --stage prod --dry-run',
    "apigw cache flush --api orders --stage '$default' --authorizers",
  ]

  static flags = {
    api: apiFlag('rest-http'),
    stage: stagesFlag({exclusive: ['all-stages']}),
    'all-stages': Flags.boolean({description: 'every stage of the API (REST stages without a cache are skipped)'}),
    authorizers: Flags.boolean({description: 'flush the authorizer cache too (HTTP APIs: the only cache they have)'}),
    ...cacheWaitFlags('each flushed cache is AVAILABLE again'),
    verify: Flags.boolean({description: 'then watch the hit ratio and integration latency recover (one stage)'}),
    'verify-for': Flags.string({description: 'how long --verify watches, e.g. 90s, 10m (default: 5m); implies --verify'}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CacheFlush)
    const stages = flags.stage ?? []
    if (!flags['all-stages'] && stages.length === 0) throw usageError('Name the stage to flush with --stage (repeatable), or --all-stages.', ['Try: apigw cache flush --api <api> --stage prod'])
    const verify = flags.verify || flags['verify-for'] !== undefined
    const verifyForMs = parseDuration(flags['verify-for'] ?? '5m', '--verify-for')
    if (verifyForMs <= 0) throw usageError(`--verify-for must be longer than 0; got "${flags['verify-for']}".`, ['Try: --verify-for 5m'])
    if (verify && (flags['all-stages'] || stages.length > 1)) throw usageError('--verify watches one stage: name exactly one --stage.', ['Try: apigw cache flush --api <api> --stage prod --verify'])
    const wait = cacheWait(flags)
    const prepared = await prepareFlush(await this.session(), {api: flags.api, stages, allStages: flags['all-stages'], authorizers: flags.authorizers, wait})
    if (verify && prepared.flushesCache.length === 0) {
      throw usageError(`--verify watches a stage cache's hit ratio, and this flush empties no stage cache (${prepared.api.type === 'rest' ? 'the stage has no cache cluster' : 'HTTP APIs have none'}).`, ['Try: the same command without --verify'])
    }
    const flushed = {
      ...prepared,
      // --verify watches the stage recover from the moment of the flush, once --wait is done.
      result: async (run: ChangeRun, io: ChangeIO) => {
        const flushedAt = Date.now()
        const result = await prepared.result(run, io)
        if (verify) result.verification = await this.watch({apiName: prepared.api.name, stage: prepared.flushesCache[0]}, flushedAt, verifyForMs, flags.color)
        return result
      },
    }
    const result = await this.applyChange(flushed, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/cache-view.js')).flushView})
    if (!result) return
    const failed = result.stages.filter((stage) => stage.status === 'failed')
    if (failed.length > 0) {
      for (const stage of failed) this.warning(`stage "${stage.stage}" was not flushed: ${stage.error?.message}`)
      this.note(`Try: ${flushAgainCommand(prepared.api.id, failed.map((stage) => stage.stage), flags.authorizers)} (flushes again only the stages that failed)`)
      this.exit(ExitCode.partial)
    }
  }

  /** --verify: a look every 10 s, a chart redrawn on a terminal's stderr, else a line per look. */
  private async watch(target: {apiName: string; stage: string}, flushedAt: number, forMs: number, color: boolean | undefined) {
    const {watchRecovery} = await loadRecoveryWatch()
    const view = await import('../../cli/ui/cache-view.js')
    const colors = stderrPalette(color)
    const screen = process.stderr.isTTY && process.env.TERM !== 'dumb' ? (await import('../../cli/ui/redraw.js')).redrawer(process.stderr) : undefined
    this.note(`Watching the hit ratio and integration latency of stage "${target.stage}" for ${formatDuration(forMs)} after the flush…`)
    const verification = await watchRecovery(await this.session(), target, {
      flushedAt,
      forMs,
      intervalMs: VERIFY_INTERVAL_MS,
      onLook: (look) => (screen ? screen.draw(view.recoveryChart(look, colors)) : this.note(view.recoveryLine(look))),
    })
    screen?.release()
    return verification
  }
}
