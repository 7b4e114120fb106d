// npm run coverage (in packages/sandbox): writes COVERAGE.md, every API Gateway v1, v2,
// CloudWatch, CloudWatch Logs and ACM operation and whether the sandbox serves it, from the AWS SDK clients' service models
// (node_modules/@aws-sdk/client-*) and the sandbox's operation table (src/operations.ts).
// Offline: it reads only files here. It also fails (exit 1) when the operation table names an
// operation the models do not have, or a request other than the model's.
// `--check` writes nothing and fails when the file on disk is not what it would write
// (test/sandbox/coverage.test.ts runs it so); `--file <path>` names another file to write or check.
import {build} from 'esbuild'
import {readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

/** This package, and the repository whose node_modules hold the SDK clients (apigw's dependencies). */
const root = fileURLToPath(new URL('..', import.meta.url))
const repository = join(root, '../..')
const TABLE = join(root, 'COVERAGE.md')

/** The figure issue 18 gives for LocalStack's documented coverage, for comparison. */
const LOCALSTACK = 'LocalStack, for comparison, documents 111 of 124 v1 and 67 of 103 v2 operations.'

const SERVICES = [
  {title: 'API Gateway v1 (REST APIs)', signing: 'apigateway', client: 'client-api-gateway', served: 'REST_OPERATIONS', short: 'v1'},
  {title: 'API Gateway v2 (HTTP and WebSocket APIs)', signing: 'apigatewayv2', client: 'client-apigatewayv2', served: 'V2_OPERATIONS', short: 'v2'},
  {title: 'CloudWatch', signing: 'monitoring', client: 'client-cloudwatch', served: 'CLOUDWATCH_OPERATIONS', short: 'CloudWatch'},
  {title: 'CloudWatch Logs', signing: 'logs', client: 'client-cloudwatch-logs', served: 'LOGS_OPERATIONS', short: 'CloudWatch Logs'},
  {title: 'ACM (Certificate Manager)', signing: 'acm', client: 'client-acm', served: 'ACM_OPERATIONS', short: 'ACM'},
]

/** An operation's HTTP binding in the SDK's generated schemas: `export var GetRestApi$ = [9, n0, _GRA, { [_ht]: ["GET", "/restapis/{restApiId}", 200] }, …`. */
const HTTP_BINDING = /export var (\w+)\$ = \[9, n0, \w+,\s*\{ \[_ht\]: \["(\w+)", "([^"]+)"/g

/** Every operation of one SDK client (one command each), with its `METHOD /path` where the protocol has one. */
function modelOperations(client) {
  const dir = join(repository, 'node_modules/@aws-sdk', client)
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
  const names = readdirSync(join(dir, 'dist-types/commands'))
    .filter((file) => file.endsWith('Command.d.ts'))
    .map((file) => file.slice(0, -'Command.d.ts'.length))
    .sort()
  const requests = new Map()
  for (const [, name, method, path] of readFileSync(join(dir, 'dist-es/schemas/schemas_0.js'), 'utf8').matchAll(HTTP_BINDING)) requests.set(name, `${method} ${path}`)
  return {version, operations: names.map((name) => ({name, request: requests.get(name)}))}
}

/** The sandbox's operation table, compiled from its TypeScript in memory. */
async function sandboxOperations() {
  const {outputFiles} = await build({entryPoints: [join(root, 'src/operations.ts')], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent'})
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`)
}

/** Path parameters' names differ (`{id}` here, `{restApiId}` in the model): compare requests without them. */
const shape = (request) => request.replace(/\{[^}]+\}/g, '{}')

/** The table's text, and what the operation table gets wrong against the models. */
export async function coverage() {
  const registry = await sandboxOperations()
  const problems = []
  const sections = []
  const totals = []
  for (const service of SERVICES) {
    const {version, operations} = modelOperations(service.client)
    const table = registry[service.served]
    const served = new Set(Array.isArray(table) ? table : Object.keys(table))
    const known = new Set(operations.map((operation) => operation.name))
    for (const name of served) if (!known.has(name)) problems.push(`${service.short}: ${name} is not an operation of @aws-sdk/${service.client}`)
    if (!Array.isArray(table)) {
      for (const {name, request} of operations) {
        if (served.has(name) && request && shape(table[name]) !== shape(request)) problems.push(`${service.short}: ${name} is served as "${table[name]}"; the model says "${request}"`)
      }
    }
    const count = operations.filter((operation) => served.has(operation.name)).length
    totals.push(`${count} of ${operations.length} ${service.short} operations`)
    const rows = operations.map(({name, request}) => `| ${name} | ${request ? `\`${request}\`` : ''} | ${served.has(name) ? 'served' : 'no'} |`)
    sections.push(
      [`## ${service.title}`, '', `\`${service.signing}\`, from \`@aws-sdk/${service.client}\` ${version}: served ${count} of ${operations.length}.`, '', '| operation | request | sandbox |', '| --- | --- | --- |', ...rows].join('\n'),
    )
  }
  const text = [
    '# What the sandbox serves',
    '',
    '<!-- Generated by `npm run coverage --workspace apigw-sandbox` from the AWS SDK service models and src/operations.ts: do not edit. -->',
    '',
    `Every operation of the four services the sandbox emulates, as the AWS SDK for JavaScript's service models list them, and whether the sandbox serves it. An operation it does not serve is answered 404 NotFoundException (\`No operation matches …\`), or 405 where another operation has the same path; CloudWatch and CloudWatch Logs answer 400 UnknownOperationException. StartLiveTail is not served: the SDK sends it to a \`stream-\` prefixed host and AWS answers with an event stream; apigw polls FilterLogEvents instead (README: "CloudWatch Logs"). The sandbox serves ${totals.join(', ')}. ${LOCALSTACK}`,
    '',
    'Regenerate with `npm run coverage --workspace apigw-sandbox` after adding an operation to `src/operations.ts`; `test/sandbox/coverage.test.ts` fails while this file is stale.',
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n')
  return {text, problems, summary: totals.join(', ')}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const {text, problems, summary} = await coverage()
  for (const problem of problems) console.error(problem)
  if (problems.length > 0) process.exit(1)
  const fileAt = process.argv.indexOf('--file')
  const file = fileAt === -1 ? TABLE : process.argv[fileAt + 1]
  if (process.argv.includes('--check')) {
    let current = ''
    try {
      current = readFileSync(file, 'utf8')
    } catch {
      // No file yet: stale.
    }
    if (current !== text) {
      console.error(`${file} is stale: run npm run coverage --workspace apigw-sandbox`)
      process.exit(1)
    }
  } else {
    writeFileSync(file, text)
    console.log(`wrote ${file}: the sandbox serves ${summary}`)
  }
}
