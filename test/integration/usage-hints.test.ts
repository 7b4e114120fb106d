import {describe, expect, it} from 'vitest'
import {EMPTY_HOME, runCli} from '../helpers/cli.js'

// Mistakes caught before any AWS call: each says what was meant and exits 2.
const env = {PATH: process.env.PATH!, HOME: EMPTY_HOME, CI: 'true'}

describe('a mistyped flag', () => {
  it('gets "did you mean" with the nearest flags of the command, exit 2', async () => {
    const result = await runCli(['stages', 'show', '--api', 'pets', '--stagee', 'prod'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('Error: Unknown flag: --stagee.\nDid you mean --stage?\nTry: apigw stages show --help\n')
  })

  it('names each of several, global flags and --no- forms included, and keeps the JSON error contract', async () => {
    const result = await runCli(['apis', 'list', '--reigon', 'eu-west-1', '--no-colr', '--json'], env)
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout).error).toEqual({
      code: 'UNKNOWN_FLAG',
      message: 'Unknown flags: --reigon, --no-colr.',
      suggestions: ['For --reigon: did you mean --region or --regions?', 'For --no-colr: did you mean --no-color?', 'Try: apigw apis list --help'],
      exitCode: 2,
    })
  })

  it('offers nothing far from every flag, only the help', async () => {
    const result = await runCli(['apis', 'list', '--zzzzzzzz'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('Error: Unknown flag: --zzzzzzzz.\nTry: apigw apis list --help\n')
  })
})

describe('a duration in words', () => {
  it('is refused with the nearest valid one to type instead', async () => {
    const result = await runCli(['sandbox', 'start', '--detach', '--idle-timeout', '90min'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--idle-timeout must be a duration such as 30s, 15m, 3h or 7d; got "90min".\nTry: --idle-timeout 90m\n')
  })
})
