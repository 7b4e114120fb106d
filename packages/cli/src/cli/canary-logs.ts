import type {AwsSession} from '../lib/aws/index.js'
import {canaryLogExcerpt} from '../lib/logs/index.js'
import {escapeControls} from '../lib/util/escape.js'

/**
 * When a canary fails (`canary run`'s gates, a canary worse than its base in `canary status`): its
 * first error lines on stderr, and the commands that show more. One bounded FilterLogEvents; logs
 * that cannot be read are said, never a failure of the command.
 */
export async function noteCanaryLogs(session: AwsSession, target: {api: string; stage: string; startTime: number; endTime: number}, note: (line: string) => void): Promise<void> {
  session.renewRetryBudget()
  const excerpt = await canaryLogExcerpt(session, target)
  if (excerpt.unreadable) note(`The canary's logs could not be read: ${excerpt.unreadable}`)
  else if (excerpt.lines.length === 0) note(`No canary error line in ${excerpt.group} over the window.`)
  else {
    note(`The canary's first error lines (${excerpt.group}):`)
    for (const line of excerpt.lines) note(`  ${line.time.slice(11, 23)} ${escapeControls(line.message)}`)
  }
  const [lines, summary] = excerpt.more
  note(`More: ${lines}`)
  if (summary) note(`Canary versus base: ${summary}`)
}
