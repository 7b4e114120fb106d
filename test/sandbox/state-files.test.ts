import {chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {CreateApiKeyCommand} from '@aws-sdk/client-api-gateway'
import {afterAll, describe, expect, it} from 'vitest'
import {readRuntimeFile} from '../../src/lib/sandbox/runtime.js'
import {hostSandbox} from '../../src/sandbox/host.js'
import {controlFetch, sdkClients} from '../helpers/sandbox.js'

const home = mkdtempSync(join(tmpdir(), 'apigw-state-files-'))
afterAll(() => rmSync(home, {recursive: true, force: true}))

const mode = (path: string) => statSync(path).mode & 0o777

describe('the sandbox state directory', () => {
  it('holds state, journal and runtime file for the owner alone, and no temp file a crash left', async () => {
    const stateDir = join(home, 'fresh', 'state')
    const first = await hostSandbox({stateDir, idleTimeoutMs: 0, transitionDelayMs: 50})
    await sdkClients(first.sandbox.endpoint).rest.send(new CreateApiKeyCommand({name: 'secret-holder', value: 'a-secret-value-of-twenty-chars'}))
    expect(mode(stateDir)).toBe(0o700)
    for (const file of ['state.json', 'journal.ndjson', 'sandbox.json']) expect(mode(join(stateDir, file)), file).toBe(0o600)
    // The token is in the runtime file, and it is what the control endpoints want.
    const info = readRuntimeFile(stateDir)!
    expect(info.token).toBe(first.sandbox.token)
    expect((await controlFetch(info, 'status')).status).toBe(200)
    expect((await controlFetch({...info, token: 'x'}, 'status')).status).toBe(403)
    await first.sandbox.close()

    // As if a sandbox had been killed while writing its snapshot and its runtime file.
    writeFileSync(join(stateDir, 'state.json.99999.tmp'), '{"version": 1, "tab')
    writeFileSync(join(stateDir, 'sandbox.json.99999.tmp'), '{"pid": 99999')
    const second = await hostSandbox({stateDir, idleTimeoutMs: 0, transitionDelayMs: 50})
    expect(readdirSync(stateDir).filter((name) => name.endsWith('.tmp'))).toEqual([])
    expect(second.sandbox.token).not.toBe(first.sandbox.token)
    await second.sandbox.close()
    expect(existsSync(join(stateDir, 'sandbox.json'))).toBe(false)
  })

  it('makes an existing journal from an older sandbox private too', async () => {
    const stateDir = join(home, 'older')
    const first = await hostSandbox({stateDir, idleTimeoutMs: 0})
    await first.sandbox.close()
    chmodSync(join(stateDir, 'journal.ndjson'), 0o644)
    chmodSync(join(stateDir, 'state.json'), 0o644)
    const second = await hostSandbox({stateDir, idleTimeoutMs: 0})
    await second.sandbox.close()
    expect(mode(join(stateDir, 'journal.ndjson'))).toBe(0o600)
    expect(mode(join(stateDir, 'state.json'))).toBe(0o600)
  })
})
