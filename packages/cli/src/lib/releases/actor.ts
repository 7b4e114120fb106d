import {hostname, userInfo} from 'node:os'

/**
 * Who is releasing, for the release record: the GitHub user and run in GitHub Actions (the
 * runner's host name means nothing a day later), else user@host.
 */
export function releaseActor(env: NodeJS.ProcessEnv): string {
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_ACTOR) return `${env.GITHUB_ACTOR}@github-run-${env.GITHUB_RUN_ID ?? 'unknown'}`
  return `${env.USER || env.USERNAME || safeUserName()}@${hostname()}`
}

function safeUserName(): string {
  try {
    return userInfo().username
  } catch {
    // No passwd entry (some containers).
    return 'unknown'
  }
}
