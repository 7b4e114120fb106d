import {open} from 'node:fs/promises'
import {ApigwError, ExitCode} from '../errors.js'

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

/** The refusal to write a value over an existing file; also for commands that check before they change anything. */
export function valueFileExists(path: string): ApigwError {
  return new ApigwError(`${path} already exists; apigw never overwrites a file that may hold another key's value.`, {
    code: 'VALUE_FILE_EXISTS',
    exitCode: ExitCode.conflict,
    suggestions: ['Try: --out with a new file name (or move the old file away first)'],
  })
}
