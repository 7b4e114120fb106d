import {open} from 'node:fs/promises'
import {ApigwError, ExitCode} from '../errors.js'
import {checkOutTarget} from '../util/out-file.js'

/**
 * Writes an API key value to a new file readable by its owner only (0600). An existing file is
 * never overwritten: it may hold the only copy of another key's value.
 */
export async function writeValueFile(path: string, value: string): Promise<void> {
  let file
  try {
    file = await open(path, 'wx', 0o600)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw valueFileExists(path)
    throw new ApigwError(`Cannot create ${path}: ${(error as Error).message}`, {code: 'VALUE_FILE_UNWRITABLE', exitCode: ExitCode.usage, suggestions: ['Try: --out with a path in a writable directory']})
  }
  try {
    await file.writeFile(`${value}\n`)
    await file.sync()
  } finally {
    await file.close()
  }
}

/**
 * Refuses, before any AWS call, an --out file that exists already (exit 5) or that cannot be created
 * (exit 2: no such folder, a folder not writable), so a new key's value is never left with nowhere to go.
 */
export async function checkValueFileFree(path: string): Promise<void> {
  if ((await checkOutTarget(path)).exists) throw valueFileExists(path)
}

function valueFileExists(path: string): ApigwError {
  return new ApigwError(`${path} already exists; apigw never overwrites a file that may hold another key's value.`, {
    code: 'VALUE_FILE_EXISTS',
    exitCode: ExitCode.conflict,
    suggestions: ['Try: --out with a new file name (or move the old file away first)'],
  })
}
