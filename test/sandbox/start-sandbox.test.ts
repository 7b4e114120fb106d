import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {createConnection} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {CreateApiKeyCommand, GetApiKeysCommand, GetRestApisCommand} from '@aws-sdk/client-api-gateway'
import {afterAll, describe, expect, it} from 'vitest'
import {readRuntimeFile, SandboxStartError, startSandbox, TOKEN_HEADER} from '../../packages/sandbox/src/index.js'
import {sdkClients} from '../helpers/sandbox.js'

// startSandbox is the sandbox's one door, for other projects' tests as for apigw's: these tests
// use it as such a project would, through src/sandbox/index.ts alone.

const home = mkdtempSync(join(tmpdir(), 'apigw-start-sandbox-'))
afterAll(() => rmSync(home, {recursive: true, force: true}))

/** Whether something accepts connections on the port (resolves; never throws). */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({host: '127.0.0.1', port})
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

const status = async (sandbox: {endpoint: string; token: string}) => (await fetch(`${sandbox.endpoint}/_sandbox/status`, {headers: {[TOKEN_HEADER]: sandbox.token}})).json()

describe('startSandbox', () => {
  it('runs two sandboxes side by side, each with its own port, state, token and faults, and frees the ports when stopped', async () => {
    const [faulty, plain] = await Promise.all([startSandbox({faults: {fail: [{operation: 'GetRestApis', call: 1}]}}), startSandbox()])
    expect(faulty.endpoint).toBe(`http://127.0.0.1:${faulty.port}`)
    expect(plain.port).not.toBe(faulty.port)
    expect(plain.token).not.toBe(faulty.token)
    expect(await status(faulty)).toMatchObject({faults: 'fail=GetRestApis#1'})
    expect(await status(plain)).toMatchObject({faults: 'none'})

    // The fault given as an option strikes the first sandbox's call, once; the other answers.
    const struck = await sdkClients(faulty.endpoint).rest.send(new GetRestApisCommand({})).catch((error) => error)
    expect(struck.name).toBe('ServiceUnavailableException')
    expect((await sdkClients(faulty.endpoint).rest.send(new GetRestApisCommand({}))).items).toEqual([])
    expect((await sdkClients(plain.endpoint).rest.send(new GetRestApisCommand({}))).items).toEqual([])

    await sdkClients(faulty.endpoint).rest.send(new CreateApiKeyCommand({name: 'only-in-the-first'}))
    expect((await sdkClients(plain.endpoint).rest.send(new GetApiKeysCommand({}))).items).toEqual([])

    await Promise.all([faulty.stop(), plain.stop()])
    expect(await listening(faulty.port)).toBe(false)
    expect(await listening(plain.port)).toBe(false)
    // Freed: a new sandbox can listen on the very same port.
    const again = await startSandbox({port: faulty.port})
    expect(again.endpoint).toBe(faulty.endpoint)
    await again.stop()
  })

  it('refuses a port in use, and a second sandbox on one state directory, saying why', async () => {
    const stateDir = join(home, 'state')
    const first = await startSandbox({stateDir})
    try {
      expect(readRuntimeFile(stateDir)).toMatchObject({endpoint: first.endpoint, port: first.port, token: first.token, stateDir, pid: process.pid})
      const busy = await startSandbox({port: first.port}).catch((error) => error)
      expect(busy).toBeInstanceOf(SandboxStartError)
      expect(busy).toMatchObject({code: 'PORT_IN_USE', message: `Port ${first.port} is already in use on 127.0.0.1.`})
      const second = await startSandbox({stateDir}).catch((error) => error)
      expect(second).toMatchObject({code: 'SANDBOX_RUNNING', message: `A sandbox is already running on ${first.endpoint} (pid ${process.pid}) with state in ${stateDir}.`})
    } finally {
      await first.stop()
    }
    expect(existsSync(join(stateDir, 'sandbox.json'))).toBe(false)
  })

  it('refuses faults it does not know and an address that is not loopback, before listening', async () => {
    await expect(startSandbox({faults: {slow: 1} as never})).rejects.toThrow('Faults JSON: unknown field "slow".')
    await expect(startSandbox({faults: {fail: [{operation: 'CreateApiKeys', call: 1}]}})).rejects.toThrow('The sandbox serves no operation named "CreateApiKeys"')
    await expect(startSandbox({host: '0.0.0.0'})).rejects.toThrow('The sandbox listens on a loopback address only (127.0.0.1, ::1 or localhost); got host "0.0.0.0".')
  })
})
