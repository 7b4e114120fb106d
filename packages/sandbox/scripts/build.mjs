// Builds the apigw-sandbox package: its four entry points (package.json "exports") as ES modules over
// shared chunks, with its dependencies left to npm, and type declarations beside them.
// (apigw's own bundle does not use this: it bundles the sandbox from its sources.)
import {build} from 'esbuild'
import {execFileSync} from 'node:child_process'
import {rmSync} from 'node:fs'

rmSync('dist', {recursive: true, force: true})
await build({
  entryPoints: ['src/index.ts', 'src/contract.ts', 'src/facts.ts', 'src/main.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node22',
  packages: 'external',
  logLevel: 'warning',
})
execFileSync('tsc', ['-p', '.', '--declaration', '--emitDeclarationOnly', '--outDir', 'dist'], {stdio: 'inherit'})
