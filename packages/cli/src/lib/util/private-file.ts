import {randomBytes} from 'node:crypto'
import {mkdirSync, renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

/**
 * Writes `dir/name` readable only by this user (0600, in a 0700 folder it creates), whole or not at
 * all: written to a temporary file first and renamed, so a reader never sees half a file.
 */
export function writePrivateFile(dir: string, name: string, text: string): void {
  mkdirSync(dir, {recursive: true, mode: 0o700})
  const temporary = join(dir, `${name}.${randomBytes(4).toString('hex')}.tmp`)
  writeFileSync(temporary, text, {mode: 0o600})
  renameSync(temporary, join(dir, name))
}
