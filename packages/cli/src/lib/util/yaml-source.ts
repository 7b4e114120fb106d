// The yaml package is CommonJS: this module imports it statically and is itself imported lazily (by
// path, never through an index), only when a file is YAML or a problem needs a line number.
import {isMap, isScalar, parseDocument} from 'yaml'

export type ParsedYaml = {ok: true; value: unknown} | {ok: false; message: string; offset: number}

/** YAML text as plain data, or its first syntax problem and where it starts (a character offset). */
export function parseYaml(text: string): ParsedYaml {
  const document = parseDocument(text, {prettyErrors: false, uniqueKeys: true})
  const [error] = document.errors
  if (error) return {ok: false, message: error.message, offset: error.pos[0]}
  try {
    return {ok: true, value: document.toJS()}
  } catch (error) {
    // Aliases expanding past the package's limit (a "billion laughs" document).
    return {ok: false, message: (error as Error).message, offset: 0}
  }
}

/**
 * Where the key at `path` is written in JSON or YAML text (JSON is YAML too), as a character
 * offset; for a key that is absent, where its nearest present ancestor is written.
 */
export function offsetOfKey(text: string, path: readonly string[]): number {
  const document = parseDocument(text, {prettyErrors: false})
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth === 1 ? document.contents : document.getIn(path.slice(0, depth - 1), true)
    if (!isMap(parent)) continue
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === path[depth - 1])
    if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0]
  }
  return 0
}
