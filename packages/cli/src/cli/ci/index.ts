/**
 * The CI surfaces' one door: a command gives its result, and under GitHub Actions
 * (GITHUB_ACTIONS=true) it becomes annotations on stderr and a job summary. Anywhere else (GitLab,
 * another CI, a terminal) nothing is written: output stays exactly as it is without a CI.
 */
import type {CiResult} from './github-reports.js'

export type {CiResult} from './github-reports.js'

export async function reportToCi(input: CiResult, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.GITHUB_ACTIONS !== 'true') return
  const [{githubReport}, {writeGithubReport}] = await Promise.all([import('./github-reports.js'), import('./github.js')])
  writeGithubReport(githubReport(input), env.GITHUB_STEP_SUMMARY || undefined, (text) => process.stderr.write(text))
}
