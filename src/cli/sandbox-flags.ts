import {resolve} from 'node:path'
import {defaultStateDir} from '../lib/sandbox/runtime.js'
import {Flags} from './oclif/command.js'

export const stateDirFlag = Flags.string({description: 'sandbox state directory (default: APIGW_SANDBOX_DIR, else ~/.apigw/sandbox)'})

export function stateDirFrom(flag: string | undefined): string {
  return resolve(flag ?? defaultStateDir(process.env))
}
