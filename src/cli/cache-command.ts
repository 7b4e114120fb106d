import {loadCacheWait, type PreparedCacheChange} from '../lib/cache/index.js'
import {parseDuration} from '../lib/util/duration.js'
import {ApigwCommand} from './base-command.js'
import {planFlags} from './global-flags.js'
import {Flags} from './oclif/command.js'

/** Creating or deleting a cluster takes up to about 4 minutes (aws-facts §3): room for that and more. */
const DEFAULT_TIMEOUT = '10m'

/** --wait and --timeout, for a command whose wait is `what`. */
export const waitFlags = (what: string) => ({
  wait: Flags.boolean({description: `${what}, with progress on stderr (exit 7 after --timeout)`}),
  timeout: Flags.string({description: `with --wait: how long to wait, e.g. 90s, 15m (default: ${DEFAULT_TIMEOUT})`, dependsOn: ['wait']}),
})

/** Flags of the commands that change a stage's cache cluster. */
export const clusterFlags = (what: string) => ({
  api: Flags.string({description: 'REST API id or name', required: true}),
  stage: Flags.string({description: 'stage name', required: true}),
  ...waitFlags(what),
  ...planFlags,
})

/** The shared end of `cache enable`, `resize`, `disable` and `method set`. */
export abstract class CacheCommand extends ApigwCommand {
  /** --timeout, checked before any AWS call. */
  protected timeoutMs(timeout: string | undefined): number {
    return parseDuration(timeout ?? DEFAULT_TIMEOUT, '--timeout')
  }

  /** Says what is worth knowing, carries out the plan, follows the cluster with --wait, prints the result. */
  protected async applyCacheChange(prepared: PreparedCacheChange, options: {dryRun: boolean; wait?: boolean; timeoutMs?: number}): Promise<void> {
    for (const note of prepared.notes) this.note(note)
    for (const warning of prepared.warnings) this.warning(warning)
    const run = await this.carryOut(prepared.plan, {dryRun: options.dryRun})
    if (!run) return
    const waited =
      options.wait && prepared.waitFor
        ? await (await loadCacheWait()).waitForCacheStatus(await this.session(), {
            apiId: prepared.apiId,
            stageName: prepared.stageName,
            until: prepared.waitFor,
            timeoutMs: options.timeoutMs ?? this.timeoutMs(undefined),
            onProgress: (line) => this.note(line),
          })
        : undefined
    await this.emit({data: await prepared.result(run, waited), view: async () => (await import('./ui/cache-view.js')).cacheChangedView})
  }
}
