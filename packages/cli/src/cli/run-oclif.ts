import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Interfaces} from '@oclif/core'
import {ApigwError} from '../lib/errors.js'
import {flush, handle, run} from './oclif/startup.js'
import {reportFailure} from './report.js'

/**
 * Runs oclif for apigw installed at `root`. Commands report their own failures; this reports the
 * ones that happen before a command runs.
 */
export async function runOclif(argv: string[], root: string): Promise<void> {
  try {
    await run(argv, {root, pjson: packageJsonFor(argv, root)})
    await flush()
  } catch (error) {
    // apigw's own errors from before a command runs: the command_not_found hook's (./not-found.ts).
    if (error instanceof ApigwError) {
      reportFailure(error, argv)
      return
    }
    await handle(error as Error)
  }
}

/**
 * apigw's package.json, handed to oclif so that it need not search for it. When argv starts with
 * one of apigw's own topics or commands, its plugins (help, autocomplete) are left out: nothing such
 * a run does uses them, and loading them is a fortieth of its start. Any other word keeps them, so
 * `help`, `autocomplete` and a mistyped first word see every command.
 */
function packageJsonFor(argv: string[], root: string): Interfaces.PJSON {
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Interfaces.PJSON & {oclif: {commands: string; plugins?: string[]}}
  const [first] = argv
  const commands = join(root, pjson.oclif.commands)
  if (first && /^[a-z_][a-z0-9_-]*$/.test(first) && (existsSync(join(commands, first)) || existsSync(join(commands, `${first}.js`)))) {
    pjson.oclif.plugins = []
  }
  return pjson
}
