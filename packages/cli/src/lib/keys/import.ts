import {readFile} from 'node:fs/promises'
import type {AwsSession} from '../aws/index.js'
import {ApigwError, ExitCode} from '../errors.js'
import type {PreparedChange} from '../change/index.js'
import {plural} from '../util/text.js'
import {accountProblems, parseKeyFile, type KeyFile, type LineMessage} from './import-csv.js'
import {keySummary, planRef, type KeySummary} from './summary.js'

/** The stable JSON shape of `keys import` (docs/json.md). */
export interface ImportedKeys {
  /** The keys created, with the line of the file each came from. Never their values. */
  imported: Array<KeySummary & {line: number}>
}

/** An API key file, read and checked locally. */
export interface KeyFileContents extends KeyFile {
  path: string
  text: string
}

/** Reads and parses an API key file; no AWS call, so the command can mask its values before anything else. */
export async function readKeyFile(path: string): Promise<KeyFileContents> {
  const text = await readFile(path, 'utf8').catch((error: Error) => {
    throw new ApigwError(`Cannot read ${path}: ${error.message}`, {code: 'KEY_FILE_UNREADABLE', exitCode: ExitCode.usage, suggestions: ['Try: apigw keys import <path of a CSV file>']})
  })
  return {path, text, ...parseKeyFile(text)}
}

/**
 * Checks an API key file completely before anything is created: every row against AWS's
 * rules, its usage plans against the account, its values against the existing keys. Any problem
 * fails the whole import (exit 2), listing every line. Then ONE ImportApiKeys with failOnWarnings,
 * so that AWS too imports all or nothing.
 */
export async function prepareKeyImport(session: AwsSession, parsed: KeyFileContents): Promise<PreparedChange<ImportedKeys>> {
  const {path: file, text} = parsed
  const gateway = await session.rest()
  const [plans, existing] = parsed.keys.length === 0 ? [[], []] : await Promise.all([gateway.listUsagePlans(), gateway.listApiKeys({includeValues: true})])
  const problems = [...parsed.problems, ...accountProblems(parsed.keys, plans, existing)].sort((a, b) => a.line - b.line)
  if (problems.length > 0) {
    throw new ApigwError(`${file}: ${plural(problems.length, 'problem')}, so nothing was imported:\n${problems.map(lineText).join('\n')}`, {
      code: 'INVALID_KEY_FILE',
      exitCode: ExitCode.usage,
      suggestions: [`Try: fix ${problems.length === 1 ? 'that line' : 'those lines'}, then apigw keys import ${file} again`],
    })
  }
  const count = plural(parsed.keys.length, 'API key')
  return {
    change: {
      summary: `import ${count} from ${file}`,
      severity: 'safe',
      steps: [
        {
          service: 'apigateway',
          operation: 'ImportApiKeys',
          input: {format: 'csv', failOnWarnings: true, body: `<${count} from ${file}, values hidden>`},
          summary: `import ${count} from ${file}`,
          run: async () => gateway.importApiKeys(text, parsed.keys.map((key) => key.value)),
        },
      ],
    },
    // What AWS accepts but apigw advises against.
    warnings: parsed.warnings.map(({line, message}) => `${file} line ${line}: ${message}`),
    async result() {
      // ImportApiKeys answers with ids only: a listing (with values, kept here) ties each key to its line.
      const lineOf = new Map(parsed.keys.map((key) => [key.value, key]))
      const planById = new Map(plans.map((plan) => [plan.id, planRef(plan)]))
      const imported = (await gateway.listApiKeys({includeValues: true})).flatMap((key) => {
        const row = lineOf.get(key.value ?? '')
        if (!row) return []
        const rowPlans = row.usagePlanIds.map((id) => planById.get(id)).filter((plan) => plan !== undefined)
        return [{line: row.line, ...keySummary(key, rowPlans)}]
      })
      return {imported: imported.sort((a, b) => a.line - b.line)}
    },
  }
}

const lineText = ({line, message}: LineMessage) => `  line ${line}: ${message}`
