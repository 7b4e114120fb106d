import {isObject} from './results.mjs'

/**
 * The job summary of one apigw run, in Markdown, from its --json output: a heading with the command
 * and its exit code, then the table a person reads first for that kind of result (a release's
 * deployments, a gate's figures, a diff's operations, a canary's last judgement), or the error.
 */
export function summaryMarkdown(args, documents, exitCode) {
  const last = documents.at(-1)
  // The command's name: its leading words (`apis diff`, not the file after them).
  const end = args.findIndex((arg) => !/^[a-z]+$/.test(arg))
  const words = args.slice(0, end === -1 ? args.length : end).slice(0, 3).join(' ')
  const lines = [`### ${exitCode === 0 ? '✅' : '❌'} apigw ${text(words)}: exit ${exitCode}`, '', `\`\`\`\napigw ${args.map(shellWord).join(' ').replaceAll('`', "'")}\n\`\`\``, '']
  if (isObject(last)) lines.push(...section(documents, last))
  return `${lines.join('\n').trimEnd()}\n\n`
}

function section(documents, last) {
  if (isObject(last.error)) return [`**${text(last.error.code)}**: ${text(last.error.message)}`, '', ...(last.error.suggestions ?? []).map((line) => `- ${text(line)}`)]
  if (last.dryRun) return [`Dry run: ${text(last.plan?.summary)}`, '', ...table(['step', 'operation', 'what it does'], (last.plan?.steps ?? []).map((step) => [step.step, step.operation, step.summary]))]
  if (documents.length > 1 && 'event' in last) return canarySection(documents, last)
  if ('deploymentId' in last && 'action' in last) {
    return table(['API', 'stage', 'action', 'deployment', 'before', 'live'], [[last.api?.name, last.stage, last.action, last.deploymentId, last.previousDeploymentId ?? '—', last.live ?? '—']])
  }
  if (Array.isArray(last.gates)) {
    return [`**${text(last.outcome)}** on ${text(last.api?.name)} stage ${text(last.stage)}${last.reason ? `: ${text(last.reason)}` : ''}`, '', ...gateTable(last.gates)]
  }
  if (typeof last.equal === 'boolean') return diffSection(last)
  return []
}

function canarySection(documents, last) {
  const evaluation = documents.findLast((event) => event.event === 'evaluation')
  const gates = last.failedGates?.length ? last.failedGates : (evaluation?.gates ?? [])
  const position = last.position ? ` at step ${last.position.step} of ${last.position.steps} (${last.position.percent}%)` : ''
  return [`**${text(last.event)}**${text(position)}: ${text(last.message)}`, '', ...gateTable(gates)]
}

function diffSection(diff) {
  const where = `${text(diff.file)} against ${text(diff.api?.name)}${diff.stage ? ` stage ${text(diff.stage)}` : ''}`
  if (diff.equal) return [`No differences: ${where} (${diff.operations?.aws} operations).`]
  const rows = [
    ...(diff.added ?? []).map((operation) => ['only in the file', operation, '']),
    ...(diff.removed ?? []).map((operation) => ['only in AWS', operation, '']),
    ...(diff.changed ?? []).flatMap(({operation, changes}) => changes.map((change) => ['changed', operation, `${change.field}: file ${shown(change.file)}, AWS ${shown(change.aws)}`])),
  ]
  return [`Differences: ${where}.`, '', ...table(['', 'operation', 'what differs'], rows)]
}

/** A field's value in a diff: text as it is, anything else as JSON, none as a dash. */
const shown = (value) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value))

const gateTable = (gates) => table(['gate', 'status', 'figures'], gates.map((gate) => [gate.gate, gate.status, gate.detail]))

function table(header, rows) {
  if (rows.length === 0) return []
  const line = (cells) => `| ${cells.map((cell) => text(cell)).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line), '']
}

/** An argument as a shell would need it written, to show the command as one could run it. */
const shellWord = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)

/** A value from AWS or apigw, shown as text: Markdown and HTML in it are not rendered, and it stays on one line. */
const text = (value) =>
  String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_[\]|#~!]/g, '\\$&')
    .replace(/\s+/g, ' ')
