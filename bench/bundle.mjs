// apigw's library and the test helpers, bundled from source for a bench (dist holds only the CLI's chunks).
import {mkdirSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

const here = (path) => fileURLToPath(new URL(path, import.meta.url))

/** Bundles `exports` (export lines, paths relative to bench/) as dist/bench/<name>.mjs and imports it. */
export async function bundleLib(name, exports) {
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
