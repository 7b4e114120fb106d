import {appendFile} from 'node:fs/promises'
import {ApigwError, ExitCode} from '../errors.js'
import type {ReleaseResult} from './release.js'

/**
 * In GitHub Actions (GITHUB_OUTPUT names a file), a release's deployment ids become step outputs:
 * `steps.<id>.outputs.deployment-id` and `previous-deployment-id` (empty for a new stage).
 */
export async function writeGithubOutputs(path: string, result: ReleaseResult): Promise<void> {
  const lines = `deployment-id=${result.deploymentId}\nprevious-deployment-id=${result.previousDeploymentId ?? ''}\n`
  try {
    await appendFile(path, lines)
  } catch (error) {
    throw new ApigwError(`The release is done, but GITHUB_OUTPUT (${path}) could not be written: ${(error as Error).message}`, {
      code: 'GITHUB_OUTPUT_UNWRITABLE',
      exitCode: ExitCode.config,
      suggestions: ['Try: leave GITHUB_OUTPUT unset outside GitHub Actions'],
    })
  }
}
