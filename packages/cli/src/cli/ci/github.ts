import {appendFileSync} from 'node:fs'
import {escapeControls, escapeControlsKeepingLines} from '../../lib/util/escape.js'

/**
 * GitHub Actions' side of a command's result: workflow-command annotations (read by the runner from
 * stderr; stdout carries the data and may be piped into jq) and a Markdown job summary appended to
 * $GITHUB_STEP_SUMMARY. Everything from AWS in them is anyone's text, so each format's escaping
 * is applied here, once, after the house's control-character escaping (src/lib/util/escape.ts).
 */

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  title: string
  /** apigw's own words (line breaks kept); names from AWS in it are escaped with the rest. */
  message: string
}

/** What a command shows GitHub: annotations, and the summary's Markdown. */
export interface GithubReport {
  annotations: Annotation[]
  summary: string
}

/** A workflow command's message: `%`, CR and LF as the runner decodes them, so no line can start a command of its own. */
export const escapeData = (text: string) => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')

/** A workflow command's property value (title=…): as escapeData, and `:` and `,` that would end it. */
export const escapeProperty = (text: string) => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')

/** One annotation as the runner reads it: `::error title=…::message`. */
export function annotationLine({level, title, message}: Annotation): string {
  return `::${level} title=${escapeProperty(escapeControls(title))}::${escapeData(escapeControlsKeepingLines(message))}\n`
}

/**
 * Text in the summary, shown as text: control characters as visible escapes (a newline too, so a
 * table row stays one row), Markdown and HTML not rendered, `|` not ending a table cell.
 */
export const markdownText = (value: unknown) =>
  escapeControls(String(value ?? ''))
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_[\]|#~!]/g, '\\$&')

/** A Markdown table, every cell escaped; nothing for no rows. */
export function markdownTable(header: string[], rows: unknown[][]): string[] {
  if (rows.length === 0) return []
  const line = (cells: unknown[]) => `| ${cells.map(markdownText).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line), '']
}

/** GitHub shows at most this many annotations of each level per step, and drops the rest silently. */
export const ANNOTATIONS_PER_LEVEL = 10

/** The annotations GitHub will show: past the limit of a level, its last one says how many more the summary has. */
export function withinLimits(annotations: Annotation[]): Annotation[] {
  const kept: Annotation[] = []
  for (const level of ['error', 'warning', 'notice'] as const) {
    const ofLevel = annotations.filter((annotation) => annotation.level === level)
    if (ofLevel.length <= ANNOTATIONS_PER_LEVEL) kept.push(...ofLevel)
    else {
      const more = ofLevel.length - ANNOTATIONS_PER_LEVEL + 1
      kept.push(...ofLevel.slice(0, ANNOTATIONS_PER_LEVEL - 1), {level, title: ofLevel[0].title, message: `${more} more like these: see the job summary.`})
    }
  }
  return kept
}

/**
 * Writes a report: annotations to `stderr`, the summary appended to `summaryPath` when there is
 * one. A summary that cannot be written is a warning, never a failure: the command's result and
 * exit code are what the job depends on.
 */
export function writeGithubReport(report: GithubReport, summaryPath: string | undefined, stderr: (text: string) => void): void {
  for (const annotation of withinLimits(report.annotations)) stderr(annotationLine(annotation))
  if (!summaryPath) return
  try {
    appendFileSync(summaryPath, report.summary)
  } catch (error) {
    stderr(annotationLine({level: 'warning', title: 'apigw job summary', message: `Could not write the job summary to ${summaryPath} (GITHUB_STEP_SUMMARY): ${(error as Error).message}`}))
  }
}
