#!/usr/bin/env node
import {readFileSync} from 'node:fs'
import module from 'node:module'

const argv = process.argv.slice(2)
if (argv.length === 1 && argv[0] === '--version') {
  // Answered before anything else loads, in oclif's format (its user agent, as root help shows it):
  // loading even apigw's small entry point costs a fifth of node's own start.
  const {version, oclif} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`${oclif.bin}/${version} ${process.platform}-${process.arch} node-${process.version}\n`)
} else {
  // Node >=22.1 keeps V8's compiled code on disk, so later starts skip compiling apigw's bundle; Node
  // 20 has no compile cache and starts as before.
  module.enableCompileCache?.()
  const {main} = await import('../dist/cli/main.js')
  await main(import.meta.url)
}
