// Bundles apigw with esbuild: one shared chunk for oclif and apigw's core, one file per command
// (oclif finds them in dist/commands), and separate chunks for everything imported lazily
// (AWS SDK clients, YAML, JMESPath), so each command loads only what it uses.
import {build} from 'esbuild'
import {readdirSync, rmSync} from 'node:fs'
import {join} from 'node:path'

const commandFiles = (dir) =>
  readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? commandFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  )

rmSync('dist', {recursive: true, force: true})
await build({
  entryPoints: ['src/cli/main.ts', ...commandFiles('src/commands')],
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Prefer packages' ES module builds: they tree-shake, and dynamic imports keep their named exports.
  mainFields: ['module', 'main'],
  chunkNames: 'chunks/[name]-[hash]',
  // Whitespace and syntax only: stack traces under --debug keep their names.
  minifyWhitespace: true,
  minifySyntax: true,
  // oclif can load TypeScript sources in development; apigw never does, so keep the compiler out.
  external: ['typescript'],
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: {js: "import {createRequire as __apigwCreateRequire} from 'node:module';const require=__apigwCreateRequire(import.meta.url);"},
  logLevel: 'warning',
})
