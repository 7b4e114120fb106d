import {randomUUID} from 'node:crypto'

/**
 * Step outputs as GitHub reads them from the GITHUB_OUTPUT file: `name=value`, or for a value with
 * line breaks `name<<DELIMITER`, the lines, `DELIMITER`, with a delimiter found nowhere in the value.
 */
export function formatOutputs(outputs) {
  return Object.entries(outputs)
    .map(([name, value]) => {
      if (!/[\r\n]/.test(value)) return `${name}=${value}\n`
      const delimiter = `ghadelimiter_${randomUUID()}`
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`
    })
    .join('')
}

/** Reads a GITHUB_OUTPUT file back (both forms); a name given twice keeps its last value, as GitHub does. */
export function parseOutputs(text) {
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1)
      if (end === -1) break
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return outputs
}
