import {chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {CreateApiKeyCommand} from '@aws-sdk/client-api-gateway'
import {afterAll, describe, expect, it} from 'vitest'
import {readRuntimeFile, startSandbox} from '../../packages/sandbox/src/index.js'
import {controlFetch, sdkClients} from '../helpers/sandbox.js'

const home = mkdtempSync(join(tmpdir(), 'apigw-state-files-'))
afterAll(() => rmSync(home, {recursive: true, force: true}))

const mode = (path: string) => statSync(path).mode & 0o777

describe('the sandbox state directory', () => {
  it('holds state, journal and runtime file for the owner alone, and no temp file a crash left', async () => {
    const stateDir = join(home, 'fresh', 'state')
    const first = await startSandbox({stateDir, transitionDelayMs: 50})
    await sdkClients(first.endpoint).rest.send(new CreateApiKeyCommand({name: 'secret-holder', value: 'a-secret-value-of-twenty-chars'}))
    expect(mode(stateDir)).toBe(0o700)
    for (const file of ['state.json', 'journal.ndjson', 'sandbox.json']) expect(mode(join(stateDir, file)), file).toBe(0o600)
    // The token is in the runtime file, and it is what the control endpoints want.
    const info = readRuntimeFile(stateDir)!
    expect(info.token).toBe(first.token)
    expect((await controlFetch(info, 'status')).status).toBe(200)
    expect((await controlFetch({...info, token: 'x'}, 'status')).status).toBe(403)
    await first.stop()

    // As if a sandbox had been killed while writing its snapshot and its runtime file.
    writeFileSync(join(stateDir, 'state.json.99999.tmp'), '{"version": 1, "tab')
    writeFileSync(join(stateDir, 'sandbox.json.99999.tmp'), '{"pid": 99999')
    const second = await startSandbox({stateDir, transitionDelayMs: 50})
    expect(readdirSync(stateDir).filter((name) => name.endsWith('.tmp'))).toEqual([])
    expect(second.token).not.toBe(first.token)
    await second.stop()
    expect(existsSync(join(stateDir, 'sandbox.json'))).toBe(false)
  })

  it('makes an existing journal from an older sandbox private too', async () => {
    const stateDir = join(home, 'older')
    const first = await startSandbox({stateDir})
    await first.stop()
    chmodSync(join(stateDir, 'journal.ndjson'), 0o644)
    chmodSync(join(stateDir, 'state.json'), 0o644)
    const second = await startSandbox({stateDir})
    await second.stop()
    expect(mode(join(stateDir, 'journal.ndjson'))).toBe(0o600)
    expect(mode(join(stateDir, 'state.json'))).toBe(0o600)
  })
})
