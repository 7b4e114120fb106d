import {Document, visit} from 'yaml'
import {escapeBeyondC0, hasUnsafeCharacters} from '../../lib/util/escape.js'

/**
 * YAML of a result. A string holding control characters is written double-quoted, the one YAML
 * style with escapes; the yaml library escapes most of C0 there but writes DEL, C1 controls and
 * bidi overrides raw, so those become \u escapes afterwards (valid inside double quotes, the only
 * place they can then be). The document still reads back to the same values.
 */
export function toYaml(value: unknown): string {
  const document = new Document(value)
  visit(document, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && hasUnsafeCharacters(node.value)) node.type = 'QUOTE_DOUBLE'
    },
  })
  return escapeBeyondC0(document.toString()).trimEnd()
}
