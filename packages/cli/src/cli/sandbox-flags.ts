import {resolve} from 'node:path'
import {defaultStateDir, type LocateOptions} from '../lib/sandbox/index.js'
import {Flags} from './oclif/command.js'

export const stateDirFlag = Flags.string({description: 'sandbox state directory (default: APIGW_SANDBOX_DIR, else ~/.apigw/sandbox)'})

export function stateDirFrom(flag: string | undefined): string {
  return resolve(flag ?? defaultStateDir(process.env))
}

/** Which sandbox a `sandbox …` command means: the one serving --endpoint-url, else the state directory's. */
export function sandboxTarget(flags: {'state-dir'?: string; 'endpoint-url'?: string}): LocateOptions {
  return {stateDir: stateDirFrom(flags['state-dir']), endpointUrl: flags['endpoint-url'], env: process.env}
}
