/**
 * A REST API's resource policy as AWS answers it: the JSON minified, then escaped as if it were
 * inside a JSON string (`{\"Version\":…}`), forward slashes too (`\/`). A policy that is not JSON
 * is answered as it was sent. docs/aws-behaviour.md#a-resource-policy-is-answered-escaped
 */
export function policyWire(policy: string): string {
  const document = policyDocument(policy)
  if (document === undefined) return policy
  return JSON.stringify(JSON.stringify(document)).slice(1, -1).replaceAll('/', '\\/')
}

/** The policy as a JSON document (for exports), or undefined when it is not JSON. */
export function policyDocument(policy: string): unknown {
  try {
    return JSON.parse(policy)
  } catch {
    return undefined
  }
}
