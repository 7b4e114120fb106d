// Bundles apigw with esbuild, for startup speed (see docs/speed.md):
// - dist/oclif/: the oclif that apigw uses, as two files (startup.js: config, run, help; command.js:
//   Command, flags, parser) over shared chunks, imported everywhere as "#oclif/*" so there is one copy;
// - dist/sandbox/main.js, the background sandbox process (from the workspace package apigw-sandbox);
// - dist/cli/main.cjs, the entry point in one CommonJS file, which bin/run.js requires (help needs
//   nothing else: CommonJS, because Node's ES module loader alone costs a tenth of its start), and
//   dist/cli/run-oclif.js, one file per command in dist/commands (where oclif finds them), and shared
//   chunks for the rest, with everything imported lazily (AWS SDK clients, YAML, JMESPath) in
//   chunks of its own, so each command loads only what it uses.
import {build} from 'esbuild'
import {builtinModules} from 'node:module'
import {readdirSync, readFileSync, rmSync} from 'node:fs'
import {basename, dirname, join, resolve} from 'node:path'

const sourceFiles = (dir) =>
  readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  )

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // Prefer packages' ES module builds: they tree-shake, and dynamic imports keep their named exports.
  mainFields: ['module', 'main'],
  // The sandbox (workspace package apigw-sandbox) is bundled from its TypeScript sources; naming a
  // condition drops esbuild's default "module", so it is named too.
  conditions: ['source', 'module'],
  // Whitespace and syntax only: full minification measured slower to start (V8 compiles more eagerly).
  minifyWhitespace: true,
  minifySyntax: true,
  // Bundled CommonJS dependencies call require() for Node built-ins.
  // (Through process.getBuiltinModule, not an import of node:module: see builtinsByRequire.)
  banner: {js: "const require=process.getBuiltinModule('module').createRequire(import.meta.url);"},
  logLevel: 'warning',
}

const OCLIF_SOURCES = resolve('src/cli/oclif')

/** Sources import oclif through src/cli/oclif/*.ts; in the bundle those are the shared files (package.json "imports"). */
const sharedOclif = {
  name: 'shared-oclif',
  setup(b) {
    b.onResolve({filter: /\.js$/}, (args) => {
      const target = resolve(args.resolveDir, args.path)
      if (dirname(target) !== OCLIF_SOURCES) return undefined
      return {path: `#oclif/${basename(target)}`, external: true}
    })
    // Anything else reaching for oclif directly would load a second copy.
    b.onResolve({filter: /^@oclif\/core(\/|$)/}, (args) => ({errors: [{text: `import oclif through src/cli/oclif/, not ${args.path}`}]}))
  },
}

/**
 * A lib domain's index.ts is its public door: code outside the domain imports from it (the lint rules
 * say so). esbuild splits code by file, and a file reached through an index counts as reached by
 * every command that imports anything from that index, so each command would load whole domains. The
 * bundle therefore imports what an index re-exports from the file that defines it, and turns an
 * index's loader (`export const loadX = () => import('./x.js')`) into that import() in place: each
 * command still loads only the modules it uses, as if it had named them.
 */
const LIB = resolve('src/lib')
const doors = new Map()
function doorOf(index) {
  if (!doors.has(index)) {
    const text = readFileSync(index, 'utf8')
    const names = new Map()
    for (const [, type, list, from] of text.matchAll(/^export (type )?\{([^}]*)\} from '(\.\/[^']+)'/gm)) {
      for (const name of list.split(',').map((n) => n.trim()).filter(Boolean)) names.set(name, type ? {type: true} : {from})
    }
    for (const [, name, from] of text.matchAll(/^export const (\w+) = \(\) => import\('(\.\/[^']+)'\)$/gm)) names.set(name, {loader: from})
    doors.set(index, names)
  }
  return doors.get(index)
}
const throughDoors = {
  name: 'through-doors',
  setup(b) {
    b.onLoad({filter: /\.ts$/}, (args) => {
      if (!args.path.startsWith(`${resolve('src')}/`)) return undefined
      const source = readFileSync(args.path, 'utf8')
      const contents = source.replace(/^import \{([^}]*)\} from '([^']*\/index\.js)'$/gm, (statement, list, spec) => {
        const index = resolve(dirname(args.path), spec.replace(/\.js$/, '.ts'))
        if (dirname(dirname(index)) !== LIB) return statement
        const door = doorOf(index)
        const at = (file) => `${dirname(spec)}/${file.slice(2)}`
        const imports = new Map()
        const loaders = []
        for (const part of list.split(',').map((p) => p.trim()).filter((p) => p && !p.startsWith('type '))) {
          const [name, local = name] = part.split(/\s+as\s+/)
          const entry = door.get(name)
          if (entry === undefined) throw new Error(`${args.path}: ${spec} does not export ${name}`)
          if (entry.loader) loaders.push(`const ${local} = () => import('${at(entry.loader)}')`)
          else if (!entry.type) imports.set(entry.from, [...(imports.get(entry.from) ?? []), part])
        }
        return [...[...imports].map(([from, names]) => `import {${names.join(', ')}} from '${at(from)}'`), ...loaders].join('\n')
      })
      return {contents, loader: 'ts', resolveDir: dirname(args.path)}
    })
  },
}

/**
 * Node's built-in modules are loaded with require(), not import: Node's ES module view of a built-in
 * runs all its lazy getters, which load what apigw never uses (node:http's load Node's fetch, 12 ms;
 * node:util's, node:process's and node:module's more).
 */
const BUILTIN = new RegExp(`^(node:.*|${builtinModules.join('|')})$`)
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({filter: BUILTIN}, (args) =>
      args.namespace === 'builtin-require' ? {path: args.path, external: true} : {path: args.path, namespace: 'builtin-require'},
    )
    b.onLoad({filter: /.*/, namespace: 'builtin-require'}, (args) => ({contents: `module.exports = require(${JSON.stringify(args.path)})`}))
  },
}

rmSync('dist', {recursive: true, force: true})
await build({
  ...common,
  entryPoints: ['src/cli/oclif/startup.ts', 'src/cli/oclif/command.ts'],
  outdir: 'dist/oclif',
  splitting: true,
  // oclif can load TypeScript sources in development; apigw never does, so keep the compiler out.
  external: ['typescript'],
  plugins: [builtinsByRequire],
})
await build({
  ...common,
  entryPoints: ['src/cli/run-oclif.ts', 'src/cli/help.ts', 'src/cli/not-found.ts', {in: 'apigw-sandbox/main', out: 'sandbox/main'}, ...sourceFiles('src/commands')],
  outdir: 'dist',
  outbase: 'src',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [sharedOclif, builtinsByRequire, throughDoors],
})
// The entry point on its own, in one file: `--version` and help (answered without oclif) load nothing
// else; everything beyond them is behind its dynamic import of ./run-oclif.js, built above.
await build({
  ...common,
  format: 'cjs',
  banner: {},
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/main.cjs',
  plugins: [
    builtinsByRequire,
    {
      name: 'run-oclif-apart',
      setup(b) {
        b.onResolve({filter: /^\.\/run-oclif\.js$/}, (args) => ({path: args.path, external: true}))
      },
    },
  ],
})
