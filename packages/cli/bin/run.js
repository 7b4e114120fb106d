#!/usr/bin/env node
// CommonJS (bin/package.json says so), not an ES module: Node starts a CommonJS script as fast as
// `node -e 0`, while its ES module loader adds a tenth to every start, before apigw does anything.
const {readFileSync} = require('node:fs')
const {dirname} = require('node:path')

const root = dirname(__dirname)
const argv = process.argv.slice(2)
if (Number(process.versions.node.split('.')[0]) < 22) {
  // Said once and plainly (exit 3, configuration), rather than the AWS SDK's notice on every call and
  // whatever breaks next: apigw is built and tested for Node 22 and 24 (package.json "engines").
  process.stderr.write(
    `Error: apigw needs Node.js 22 or later; this is Node ${process.version}.\n` +
      'Try: install Node 22 or 24 (https://nodejs.org), or the standalone apigw, which carries its own Node (docs/install.md).\n',
  )
  process.exitCode = 3
} else if (argv.length === 1 && argv[0] === '--version') {
  // Answered before anything else loads, in oclif's format (its user agent, as root help shows it).
  const {version, oclif} = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'))
  process.stdout.write(`${oclif.bin}/${version} ${process.platform}-${process.arch} node-${process.version}\n`)
} else {
  // Node keeps V8's compiled code on disk, so later starts skip compiling apigw's bundle.
  require('node:module').enableCompileCache?.()
  // Help is answered from dist/cli/main.cjs alone; anything else imports the ES module bundle.
  require('../dist/cli/main.cjs').main(root)
}
