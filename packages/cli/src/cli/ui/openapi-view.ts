import {byOperation, type DiffReport, type FieldChange, kindLabel} from '../../lib/openapi/index.js'
import type {ImportResult} from '../../lib/releases/index.js'
import type {Palette} from './palette.js'
import {renderKeyValues} from './table.js'

export function importView(result: ImportResult, colors: Palette): string {
  const {deployment} = result
  return renderKeyValues(
    [
      ['api', `${result.api.name} (${result.api.id})`],
      ['type', result.api.type],
      ['action', result.action],
      ['file', result.file],
      ['warnings', result.warnings.length === 0 ? 'none' : `${result.warnings.length} (on stderr)`],
      ['deployed', deployment && `stage ${deployment.stage}, ${deployment.autoDeployed ? 'by its auto-deploy' : `deployment ${deployment.deploymentId}`}`],
    ],
    colors,
  )
}

/**
 * One line per operation that differs, in path order: "+" only in the file, "-" only in AWS,
 * "~" changed, with each changed field as "AWS's value → the file's"; then a summary line.
 */
export function diffView(report: DiffReport, colors: Palette): string {
  const where = `${kindLabel(report.api.type)} API ${report.api.name} (${report.api.id}) ${report.stage === null ? 'as currently defined' : `stage ${report.stage}`}`
  if (report.equal) return `No differences: ${report.file} matches ${where} (${report.operations.file} operations).`
  const changed = report.changed.map(({operation, changes}) => ({operation, changes: changes.map((change) => ({field: change.field, from: change.aws, to: change.file}))}))
  const counts = [`${report.added.length} added`, `${report.removed.length} removed`, `${report.changed.length} changed`].join(', ')
  const summary = `${report.file} differs from ${where}: ${counts} (+ only in the file, - only in AWS, ~ AWS → file).`
  return [...operationChangeLines({added: report.added, removed: report.removed, changed}, colors), '', summary].join('\n')
}

type FieldValue = FieldChange['file']

/** Operations added (+), removed (-) and changed (~, each field "from → to"), sorted by path then method. */
export function operationChangeLines(
  diff: {added: string[]; removed: string[]; changed: Array<{operation: string; changes: Array<{field: string; from: FieldValue; to: FieldValue}>}>},
  colors: Palette,
): string[] {
  return [
    ...diff.added.map((operation) => ({operation, line: colors.green(`+ ${operation}`)})),
    ...diff.removed.map((operation) => ({operation, line: colors.red(`- ${operation}`)})),
    ...diff.changed.map(({operation, changes}) => ({operation, line: changedLines(operation, changes, colors)})),
  ]
    .sort((a, b) => byOperation(a.operation, b.operation))
    .map((entry) => entry.line)
}

function changedLines(operation: string, changes: Array<{field: string; from: FieldValue; to: FieldValue}>, colors: Palette): string {
  const head = `~ ${operation}  `
  return changes
    .map((change, index) => `${index === 0 ? colors.yellow(head) : ' '.repeat(head.length)}${change.field}: ${value(change.from)} → ${value(change.to)}`)
    .join('\n')
}

const value = (field: FieldValue) => (field === null ? '(none)' : typeof field === 'string' ? JSON.stringify(field) : String(field))
