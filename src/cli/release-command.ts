import {loadGithubOutput, type PreparedRelease, type ReleaseResult} from '../lib/releases/index.js'
import {escapeDeep} from '../lib/util/escape.js'
import {parseDuration} from '../lib/util/duration.js'
import {ApigwCommand} from './base-command.js'
import {planFlags} from './global-flags.js'
import {Flags} from './oclif/command.js'
import {stderrPalette} from './report.js'

const DEFAULT_TIMEOUT = '5m'

/** Flags of every command that releases to a stage: deploy, stages rollback, stages promote. */
export const releaseFlags = {
  wait: Flags.boolean({description: 'wait until the stage serves the deployment (exit 7 after --timeout)'}),
  timeout: Flags.string({description: `with --wait: how long to wait, e.g. 90s, 10m (default: ${DEFAULT_TIMEOUT})`, dependsOn: ['wait']}),
  ...planFlags,
}

/** How a release runs, from its flags. */
interface ReleaseOptions {
  dryRun: boolean
  wait: boolean
  timeoutMs: number
  color?: boolean
}

/**
 * The shared end of a release: say what is worth knowing, carry out the plan (if there is anything
 * to change), wait with --wait, hand the deployment ids to GitHub Actions, print the result.
 */
export abstract class ReleaseCommand extends ApigwCommand {
  /** The release flags, checked before any AWS call. (oclif types a command's own flags loosely, hence the casts.) */
  protected releaseOptions(flags: Record<string, unknown>): ReleaseOptions {
    return {
      dryRun: flags['dry-run'] === true,
      wait: flags.wait === true,
      timeoutMs: parseDuration((flags.timeout as string | undefined) ?? DEFAULT_TIMEOUT, '--timeout'),
      color: flags.color as boolean | undefined,
    }
  }

  protected async release(prepared: PreparedRelease, options: ReleaseOptions): Promise<void> {
    for (const notice of prepared.notices) this.note(notice)
    if (prepared.diff) this.noteStyled((await import('./ui/release-view.js')).stageDiffView(escapeDeep(prepared.diff), stderrPalette(options.color)))
    let result: ReleaseResult
    if (prepared.plan) {
      const run = await this.carryOut(prepared.plan, {dryRun: options.dryRun, preview: prepared.diff ? {diff: prepared.diff} : undefined})
      if (!run) return
      result = prepared.result(run.results)
    } else result = prepared.result([])
    if (options.wait && !options.dryRun) {
      await prepared.waitUntilLive(result, {timeoutMs: options.timeoutMs, onProgress: (line) => this.note(line)})
      result = {...result, live: true}
    }
    if (process.env.GITHUB_OUTPUT && !options.dryRun) await (await loadGithubOutput()).writeGithubOutputs(process.env.GITHUB_OUTPUT, result)
    await this.emit({data: result, view: async () => (await import('./ui/release-view.js')).releaseView})
  }
}
