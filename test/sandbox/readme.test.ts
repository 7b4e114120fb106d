import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {ACM_OPERATIONS, CLOUDWATCH_OPERATIONS, LOGS_OPERATIONS, REST_OPERATIONS, V2_OPERATIONS} from '../../packages/sandbox/src/operations.js'

const README = readFileSync(new URL('../../packages/sandbox/README.md', import.meta.url), 'utf8')
const START = /<!-- operations: generated from [^>]*-->\n/
const END = '<!-- operations: end -->'

/** The README's list of operations, as the sandbox's operation table says it should read. */
function operationsList(): string {
  const table = (title: string, operations: Record<string, string>) =>
    [`${title}:`, '', '| operation | request |', '| --- | --- |', ...Object.entries(operations).map(([name, request]) => `| ${name} | \`${request}\` |`), ''].join('\n')
  return [
    table('API Gateway REST APIs (`apigateway`)', REST_OPERATIONS),
    table('API Gateway HTTP and WebSocket APIs (`apigatewayv2`)', V2_OPERATIONS),
    `CloudWatch (AWS JSON 1.0 and Smithy RPC v2 CBOR): ${CLOUDWATCH_OPERATIONS.join(', ')}.`,
    '',
    `CloudWatch Logs (AWS JSON 1.1): ${LOGS_OPERATIONS.join(', ')}.`,
    `ACM (AWS JSON 1.1, \`X-Amz-Target: CertificateManager.<Operation>\`): ${ACM_OPERATIONS.join(', ')}.`,
    '',
  ].join('\n')
}

describe("the sandbox's README", () => {
  it('lists exactly the operations the sandbox serves, with their requests', () => {
    const start = START.exec(README)
    const end = README.indexOf(END)
    expect(start, 'the operations markers').not.toBeNull()
    // On failure, the expected text is what belongs between the markers.
    expect(README.slice(start!.index + start![0].length, end)).toBe(operationsList())
  })
})
