import {CreateApiKeyCommand, CreateStageCommand, CreateUsagePlanCommand} from '@aws-sdk/client-api-gateway'
import {execFileSync} from 'node:child_process'
import {chmodSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {shellQuote} from '../../packages/cli/src/lib/util/shell.js'
import {awsEnv, runProgram} from '../helpers/cli.js'
import {sdkClients, startTestSandbox, type Sandbox} from '../helpers/sandbox.js'
import {seeder} from '../helpers/seed.js'

// Completion as a shell does it: bash's completion machinery (COMP_WORDS, the function `complete`
// registered) and zsh typed into on a terminal, each set up with the lines docs/completion.md gives,
// over oclif's completion of commands and flags, against a sandbox.
const BIN = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url))
const [BASHRC, ZSHRC] = [...readFileSync(new URL('../../docs/completion.md', import.meta.url), 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)].map((block) => block[1]!)
const hasZsh = (() => {
  try {
    execFileSync('zsh', ['-c', 'true'])
    return true
  } catch {
    return false
  }
})()

let sandbox: Sandbox
let env: Record<string, string>
let home: string

beforeAll(async () => {
  sandbox = await startTestSandbox()
  const shop = await seeder(sandbox.endpoint).restApi('shop')
  const {rest} = sdkClients(sandbox.endpoint)
  await rest.send(new CreateStageCommand({restApiId: shop.id, stageName: 'dev', deploymentId: shop.deploymentId}))
  await rest.send(new CreateApiKeyCommand({name: 'partner-acme', enabled: true}))
  await rest.send(new CreateUsagePlanCommand({name: 'gold'}))
  // `apigw` on PATH, as an installed one is; then, as docs/completion.md says, `apigw autocomplete <shell>` once.
  home = mkdtempSync(join(tmpdir(), 'apigw-shells-'))
  writeFileSync(join(home, 'apigw'), `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(BIN)} "$@"\n`)
  chmodSync(join(home, 'apigw'), 0o755)
  env = awsEnv(sandbox.endpoint, {HOME: home, XDG_CACHE_HOME: join(home, 'cache'), PATH: `${home}:${process.env.PATH}`})
  for (const shell of ['bash', 'zsh']) expect((await runProgram(join(home, 'apigw'), ['autocomplete', shell], {env})).code).toBe(0)
})

afterAll(async () => {
  await sandbox?.stop()
})

describe('bash', () => {
  it('completes names after --api and --stage and as key and plan arguments, and leaves the rest to oclif', async () => {
    const script = `
      ${BASHRC}
      complete -p apigw
      reply() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=(); _apigw_complete_names; echo "[\${COMPREPLY[*]}]"; }
      reply apigw stages show --api ''
      reply apigw stages show --api shop --stage ''
      reply apigw stages show --api shop --stage d
      reply apigw keys show ''
      reply apigw plans attach g
      reply apigw stages sh
      reply apigw stages show --a
      reply apigw stages create --api shop --stage ''
    `
    const result = await runProgram('bash', ['--noprofile', '--norc', '-c', script], {env})
    expect(result.stderr).toBe('')
    expect(result.stdout.trim().split('\n')).toEqual([
      'complete -F _apigw_complete_names apigw',
      '[shop]',
      '[dev prod]',
      '[dev]',
      '[partner-acme]',
      '[gold]',
      '[show]',
      '[--api]',
      '[]',
    ])
  })
})

describe.skipIf(!hasZsh)('zsh', () => {
  it('completes a stage, a key and (through oclif) a command, typed on a terminal', async () => {
    writeFileSync(join(home, '.zshrc'), `PS1='$ '\n${ZSHRC}`)
    const socket = `apigw-zsh-${process.pid}`
    const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'})
    const assignments = Object.entries({...env, ZDOTDIR: home, TERM: 'xterm'}).map(([key, value]) => `${key}=${value}`)
    tmux('-f', '/dev/null', 'new-session', '-d', '-x', '160', '-y', '30', 'env', '-i', ...assignments, 'zsh', '-i')
    /** Waits until a line of the screen reads `line` (tmux drops trailing spaces). */
    const shows = async (line: string, what: string) => {
      for (let tries = 0; tries < 200; tries++) {
        if (tmux('capture-pane', '-p').split('\n').some((shown) => shown.trimEnd() === line)) return
        await sleep(50)
      }
      throw new Error(`Gave up waiting for ${what}. The screen:\n${tmux('capture-pane', '-p')}`)
    }
    /** Types a line on an empty prompt and presses Tab: the line must then read `expected`. */
    const completes = async (typed: string, expected: string) => {
      tmux('send-keys', 'C-u')
      await shows('$', 'an empty prompt')
      tmux('send-keys', typed, 'Tab')
      await shows(`$ ${expected}`, `zsh to complete "${typed}" to "${expected}"`)
    }
    try {
      await completes('apigw stages show --api shop --stage d', 'apigw stages show --api shop --stage dev')
      await completes('apigw keys show part', 'apigw keys show partner-acme')
      await completes('apigw stages sh', 'apigw stages show')
    } finally {
      tmux('kill-server')
    }
  })
})
