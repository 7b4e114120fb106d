import {constants} from 'node:fs'
import {access, stat} from 'node:fs/promises'
import {dirname, resolve} from 'node:path'
import {usageError} from '../errors.js'

/**
 * Checks an `--out` path before any AWS call, so that nothing is created or fetched only to have
 * nowhere to go: its folder exists and can be written to, and the path is not a folder itself (or
 * a file that cannot be written). Whether a file is there already is the caller's to judge (a key
 * value never overwrites one; an export replaces it), so it is returned. Problems are exit 2.
 */
export async function checkOutTarget(path: string, flag = '--out'): Promise<{exists: boolean}> {
  const folder = dirname(resolve(path))
  const folderStat = await stat(folder).catch(() => undefined)
  if (!folderStat?.isDirectory()) {
    throw usageError(`${flag} ${path}: the folder ${folder} does not exist.`, [`Try: mkdir -p ${folder}, or ${flag} with a path in a folder that exists`], 'OUT_FOLDER_MISSING')
  }
  if (!(await writable(folder))) {
    throw usageError(`${flag} ${path}: you cannot write to the folder ${folder}.`, [`Try: ${flag} with a path in a folder you can write to`], 'OUT_NOT_WRITABLE')
  }
  const target = await stat(path).catch(() => undefined)
  if (target?.isDirectory()) throw usageError(`${flag} ${path} is a folder; it needs a file name.`, [`Try: ${flag} ${path.replace(/\/+$/, '')}/<file name>`], 'OUT_IS_FOLDER')
  if (target && !(await writable(path))) {
    throw usageError(`${flag} ${path}: the file exists and you cannot write to it.`, [`Try: ${flag} with a new file name`], 'OUT_NOT_WRITABLE')
  }
  return {exists: target !== undefined}
}

const writable = (path: string) => access(path, constants.W_OK).then(() => true, () => false)
