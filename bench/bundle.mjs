// What the library benches share: apigw's library and the test helpers bundled from source (dist
// holds only the CLI's chunks), and the median of their rounds.
import {mkdirSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

export const here = (path) => fileURLToPath(new URL(path, import.meta.url))

/** Bundles `exports` (export lines with paths relative to bench/) as dist/bench/<name>.mjs and imports it. */
export async function importFromSource(name, exports) {
  const outfile = here(`../dist/bench/${name}.mjs`)
  mkdirSync(here('../dist/bench'), {recursive: true})
  await build({stdin: {resolveDir: here('.'), contents: exports}, bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning'})
  return import(outfile)
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** A session of the bundled library against a sandbox, as the CLI's --sandbox makes one. */
export const sandboxSession = (lib, endpoint, options = {}) =>
  new lib.AwsSession({region: 'us-east-1', endpointUrl: endpoint, env: {}, staticCredentials: {accessKeyId: 'bench', secretAccessKey: 'bench'}, sandbox: true, retryBudgetMs: 10_000, ...options})
