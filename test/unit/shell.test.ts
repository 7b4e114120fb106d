import {execFileSync} from 'node:child_process'
import {describe, expect, it} from 'vitest'
import {patchOperationsArgument, shellCommand, shellQuote} from '../../packages/cli/src/lib/util/shell.js'

/** What a POSIX shell makes of a printed command line: its words, one per line of printf. */
const words = (line: string) => execFileSync('sh', ['-c', `printf '%s\\n' ${line}`], {encoding: 'utf8'}).split('\n').slice(0, -1)

describe('printed commands run as printed', () => {
  const awkward = ['plain', 'pet shop', "o'neil", 'a,b=c', '$HOME', '`id`', 'back\\slash', '"quoted"', '*', '-dash', 'semi;colon', '[apigw: deploy prod by a@b at 2026-12-07T12:00:00.000Z, replaced abc]']

  it('quotes only what a shell would change, and every word comes back as it was', () => {
    expect(shellQuote('gold01')).toBe('gold01')
    expect(shellQuote('pet shop')).toBe("'pet shop'")
    expect(words(shellCommand(...awkward))).toEqual(awkward)
  })

  it('gives patch operations as JSON, which keeps the commas of a value (the AWS CLI shorthand splits at them)', () => {
    const operations = [{op: 'replace' as const, path: '/description', value: "it's [apigw: rollback prod by me at 2026-12-07T12:00:00.000Z, replaced abc]"}]
    const [flag, json] = words(patchOperationsArgument(operations))
    expect(flag).toBe('--patch-operations')
    expect(JSON.parse(json)).toEqual(operations)
  })
})
