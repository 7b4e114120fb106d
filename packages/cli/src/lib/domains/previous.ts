/**
 * What `domains switch` switched away from, kept as a tag on the domain name, one per path:
 * `apigw:previous` (the empty path) or `apigw:previous:<path>` = `<apiId>:<stage>`. On the domain,
 * because it lives as long as the domain, in AWS, where every operator and CI run sees it; no
 * other store is needed (docs/domains.md, "Switching back"). Tags allow letters, digits, spaces and
 * `_ . : / = + - @` (docs/aws-behaviour.md#tag-rules), so any other character of a stage or path
 * (the `$` of `$default`) is written `+XX`, its code in hex.
 */
const PREFIX = 'apigw:previous'

const tagSafe = (text: string) => text.replace(/[^\p{L}\p{N} _.:/=\-@]/gu, (char) => [...new TextEncoder().encode(char)].map((byte) => `+${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''))
const fromTag = (text: string) => {
  try {
    return decodeURIComponent(text.replace(/\+([0-9A-F]{2})/g, '%$1'))
  } catch {
    return text
  }
}

export const previousTag = (path: string) => (path === '' ? PREFIX : `${PREFIX}:${tagSafe(path)}`)

export const targetText = (target: {apiId: string; stage: string}) => `${target.apiId}:${target.stage}`

/** The tag's value for a target. */
export const previousValue = (target: {apiId: string; stage: string}) => tagSafe(targetText(target))

/** The recorded targets by path. */
export function previousTargets(tags: Record<string, string> | undefined): Map<string, string> {
  const found = new Map<string, string>()
  for (const [key, value] of Object.entries(tags ?? {})) {
    if (key === PREFIX) found.set('', fromTag(value))
    else if (key.startsWith(`${PREFIX}:`)) found.set(fromTag(key.slice(PREFIX.length + 1)), fromTag(value))
  }
  return found
}

/** "apiId:stage" as recorded, or undefined when it is not one. */
export function parseTarget(text: string): {apiId: string; stage: string} | undefined {
  const colon = text.indexOf(':')
  if (colon <= 0 || colon === text.length - 1) return undefined
  return {apiId: text.slice(0, colon), stage: text.slice(colon + 1)}
}
