// npm run soak: bundles bench/soak.ts (apigw's library and sandbox, from source) and runs it.
import {build} from 'esbuild'
import {rmSync} from 'node:fs'
import {fileURLToPath, pathToFileURL} from 'node:url'

// Inside the repository, so that its packages (left out of the bundle) resolve from node_modules.
const dir = fileURLToPath(new URL('../node_modules/.cache/apigw-soak/', import.meta.url))
const outfile = `${dir}soak.mjs`
try {
  await build({entryPoints: [fileURLToPath(new URL('soak.ts', import.meta.url))], bundle: true, format: 'esm', platform: 'node', packages: 'external', outfile, logLevel: 'warning'})
  await import(pathToFileURL(outfile).href)
} finally {
  rmSync(dir, {recursive: true, force: true})
}
