/**
 * What apigw printed with --json: one JSON document, or one per line (`canary run`'s events).
 * Anything else (a command run with another --output) gives none.
 */
export function parseDocuments(stdout) {
  const text = stdout.trim()
  if (text === '') return []
  try {
    return [JSON.parse(text)]
  } catch {
    try {
      return text.split('\n').map((line) => JSON.parse(line))
    } catch {
      return []
    }
  }
}

/** The `json` output: the document itself, or the events as one array; compact, so one line. */
export const jsonOutput = (documents) => (documents.length === 0 ? '' : JSON.stringify(documents.length === 1 ? documents[0] : documents))

/**
 * The fields a workflow most often wants, as step outputs, from the documents' shapes (docs/json.md):
 * a release's deployment ids, the API and stage, a gate's or a canary's outcome, whether a diff found
 * changes, an error's code. A field the result does not have is left out.
 */
export function wellKnownOutputs(documents) {
  const outputs = {}
  const last = documents.at(-1)
  if (!isObject(last)) return outputs
  const first = documents[0]
  const events = documents.length > 1 && 'event' in last
  const set = (name, value) => {
    if (value !== undefined) outputs[name] = value === null ? '' : String(value)
  }
  set('api-id', last.api?.id)
  set('api-name', last.api?.name)
  if (typeof last.stage === 'string') set('stage', last.stage)
  // A release: what the stage runs now and ran before. A canary run: its deployment and the base's.
  set('deployment-id', events ? first.canaryDeploymentId : last.deploymentId)
  set('previous-deployment-id', events ? first.baseDeploymentId : last.previousDeploymentId)
  // `metrics check`: passed, failed or not-enough-data; `canary run`: how it ended (promoted, aborted …).
  set('outcome', events ? last.event : last.outcome)
  if (typeof last.equal === 'boolean') set('has-changes', !last.equal)
  set('error-code', last.error?.code)
  return outputs
}

export const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)
