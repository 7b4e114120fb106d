export interface CsvRow {
  /** The line of the file the row starts on, for messages. */
  line: number
  fields: string[]
}

/**
 * Non-blank rows of a CSV text. Fields may be quoted with " or ' (AWS's API key files use both); a
 * doubled quote inside quotes is a quote. The sandbox's ImportApiKeys has its own reader (its facts);
 * test/unit/sandbox-facts.test.ts checks that both read a file alike.
 */
export function csvRows(text: string): CsvRow[] {
  const rows: CsvRow[] = []
  let fields: string[] = []
  let field = ''
  let quote: string | undefined
  let line = 1
  let rowLine = 1
  const endRow = () => {
    fields.push(field)
    if (fields.some((value) => value.trim() !== '')) rows.push({line: rowLine, fields})
    fields = []
    field = ''
    rowLine = line
  }
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === '\n') line++
    if (quote) {
      if (char !== quote) field += char
      else if (text[i + 1] === quote) field += text[++i]
      else quote = undefined
    } else if ((char === '"' || char === "'") && field.trim() === '') {
      quote = char
      field = ''
    } else if (char === ',') {
      fields.push(field)
      field = ''
    } else if (char === '\n') endRow()
    else if (char !== '\r') field += char
  }
  endRow()
  return rows
}
