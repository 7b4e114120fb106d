#!/usr/bin/env node
import module from 'node:module'

// Node ≥22.1 keeps V8's compiled code on disk, so later starts skip compiling apigw's bundle; Node 20
// has no compile cache and starts as before.
module.enableCompileCache?.()
const {main} = await import('../dist/cli/main.js')
await main(import.meta.url)
