import type {ReleaseChange, ReleaseFollowUp, ReleaseResult} from '../lib/releases/index.js'
import type {TableView} from './ui/output.js'
import {escapeDeep} from '../lib/util/escape.js'
import {changeFlags, waitFlags, waitOption} from './flags.js'
import {stderrPalette} from './report.js'

const DEFAULT_TIMEOUT = '5m'

/** Flags of every command that releases to a stage: deploy, stages rollback, stages promote. */
export const releaseFlags = {
  ...waitFlags('the stage serves the deployment', DEFAULT_TIMEOUT),
  ...changeFlags,
}

/**
 * How a release is followed once it ran, from its flags (--timeout checked before any AWS call):
 * --wait, and under GitHub Actions the deployment ids as step outputs. Neither in a dry run.
 */
export function releaseFollowUp(flags: Record<string, unknown>): ReleaseFollowUp {
  return {wait: waitOption(flags, DEFAULT_TIMEOUT), githubOutput: flags['dry-run'] === true ? undefined : process.env.GITHUB_OUTPUT || undefined}
}

/** How a release is applied: promote --diff's comparison on stderr first, the result as a table. */
export const releaseApplyOptions = (prepared: ReleaseChange, flags: Record<string, unknown>) => ({
  dryRun: flags['dry-run'] === true,
  preamble: async () => (prepared.diff ? (await import('./ui/release-view.js')).stageDiffView(escapeDeep(prepared.diff), stderrPalette(flags.color as boolean | undefined)) : undefined),
  view: async (): Promise<TableView<ReleaseResult>> => (await import('./ui/release-view.js')).releaseView,
})
