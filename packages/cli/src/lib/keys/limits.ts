/**
 * AWS's limits on API key values and names (docs/aws-behaviour.md#api-key-values-and-names), with AWS's own wording, so that apigw
 * refuses a bad key before any call exactly as AWS would after one. The sandbox enforces the same.
 */
export const MIN_VALUE_LENGTH = 20
export const MAX_VALUE_LENGTH = 128
/** AWS's advice for imported values: shorter ones are accepted but easier to guess. */
export const RECOMMENDED_IMPORT_VALUE_LENGTH = 30
export const MAX_NAME_LENGTH = 1024

/** Why a supplied key value is refused, in AWS's words; undefined when it is fine. */
export function keyValueProblem(value: string): string | undefined {
  if (value.length < MIN_VALUE_LENGTH) return `API Key value should be at least ${MIN_VALUE_LENGTH} characters`
  if (value.length > MAX_VALUE_LENGTH) return `API Key value exceeds maximum size of ${MAX_VALUE_LENGTH} characters`
  return undefined
}

/** Why a key name is refused, in AWS's words; undefined when it is fine. */
export function keyNameProblem(name: string | undefined): string | undefined {
  return name !== undefined && name.length > MAX_NAME_LENGTH ? `Invalid API Key name, can be at most ${MAX_NAME_LENGTH} characters.` : undefined
}
