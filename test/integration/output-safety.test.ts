import {CreateApiKeyCommand, GetApiKeysCommand, GetStagesCommand, UpdateStageCommand} from '@aws-sdk/client-api-gateway'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {awsEnv, runCli} from '../helpers/cli.js'
import {clients, env, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

// Retitles the terminal (OSC 0) and clears it (CSI 2J): what a hostile name from AWS would do to a raw print.
const HOSTILE = '\u001B]0;pwned\u0007\u001B[2J'
const SHOWN = '\\x1b]0;pwned\\x07\\x1b[2J'
/** The same in YAML: its own escapes, inside double quotes, so the document reads back to the name. */
const SHOWN_YAML = '\\e]0;pwned\\a\\e[2J'
const RAW = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/

const apigw = (...args: string[]) => runCli(args, env)
/** The CLI pointed at a port nothing listens on: a usage error there proves no call was needed. */
const offline = (...args: string[]) => runCli(args, awsEnv('http://127.0.0.1:9', {AWS_MAX_ATTEMPTS: '1'}))
const keyCount = async () => (await clients.rest.send(new GetApiKeysCommand({limit: 500}))).items?.length ?? 0
const dir = mkdtempSync(join(tmpdir(), 'apigw-safety-'))

let keyId: string
let api: {id: string}

beforeAll(async () => {
  const key = await clients.rest.send(
    new CreateApiKeyCommand({name: `partner${HOSTILE}`, description: `bidi\u202Etxt.exe`, enabled: true, tags: {[`team${HOSTILE}`]: `ops${HOSTILE}`}}),
  )
  keyId = key.id!
  await clients.rest.send(new CreateApiKeyCommand({name: '=HYPERLINK("http://evil.example","x")', enabled: true}))
  api = await seed.restApi(`shop${HOSTILE}`)
  await clients.rest.send(new UpdateStageCommand({restApiId: api.id, stageName: 'prod', patchOperations: [{op: 'replace', path: '/variables/backend', value: `b${HOSTILE}`}]}))
})

describe('names from AWS with terminal escape sequences', () => {
  it.each([
    ['keys list', ['keys', 'list']],
    ['keys list -o yaml', ['keys', 'list', '-o', 'yaml']],
    ['keys list -o text', ['keys', 'list', '-o', 'text']],
    ['keys list --color', ['keys', 'list', '--color']],
    ['keys show', ['keys', 'show', 'KEY']],
    ['keys show -o yaml', ['keys', 'show', 'KEY', '-o', 'yaml']],
    ['keys show -o text', ['keys', 'show', 'KEY', '-o', 'text']],
    ['apis list', ['apis', 'list']],
    ['stages show', ['stages', 'show', '--api', 'API', '--stage', 'prod']],
    ['stages show -o yaml', ['stages', 'show', '--api', 'API', '--stage', 'prod', '-o', 'yaml']],
  ])('%s prints them escaped: no raw control character reaches the terminal', async (_, args) => {
    const result = await apigw(...args.map((arg) => (arg === 'KEY' ? keyId : arg === 'API' ? api.id : arg)))
    expect(result.code).toBe(0)
    // apigw's own colours (SGR) are the only escape sequences left.
    expect(result.stdout.replaceAll(/\u001B\[[\d;]*m/g, '')).not.toMatch(RAW)
    expect(result.stdout).toContain(args.includes('yaml') ? SHOWN_YAML : SHOWN)
  })

  it('keeps --json valid JSON that holds the names exactly', async () => {
    const result = await apigw('keys', 'show', keyId, '--json')
    expect(result.stdout).not.toMatch(RAW)
    const {key} = JSON.parse(result.stdout)
    expect([key.name, key.description, key.tags]).toEqual([`partner${HOSTILE}`, 'bidi\u202Etxt.exe', {[`team${HOSTILE}`]: `ops${HOSTILE}`}])
  })

  it('escapes them in error messages on stderr too', async () => {
    const result = await apigw('keys', 'show', `nobody${HOSTILE}`)
    expect(result.code).toBe(4)
    expect(result.stderr).not.toMatch(RAW)
    expect(result.stderr).toContain(`nobody${SHOWN}`)
  })

  it('writes them in suggested commands as $\'…\', which a shell runs with the real name', async () => {
    const result = await offline('keys', 'rotate', `partner${HOSTILE}`, '--delete')
    expect(result.code).toBe(2)
    expect(result.stderr).not.toMatch(RAW)
    expect(result.stderr).toContain(`Try: apigw keys rotate $'partner${SHOWN}' --grace 0 --delete`)
  })

  it('escapes them in progress lines on stderr, and in the result of the change', async () => {
    const result = await apigw('keys', 'create', '--name', `made${HOSTILE}`, '--color')
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(`create API key "made${SHOWN}"`)
    expect(result.stderr).not.toMatch(RAW)
    expect(result.stdout.replaceAll(/\u001B\[[\d;]*m/g, '')).not.toMatch(RAW)
    const made = (await clients.rest.send(new GetApiKeysCommand({nameQuery: 'made', limit: 500}))).items ?? []
    expect(made.map((key) => key.name)).toEqual([`made${HOSTILE}`])
  })

  it('-o csv neutralises a cell a spreadsheet would run as a formula', async () => {
    const result = await apigw('keys', 'list', '-o', 'csv')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`)
    expect(result.stdout).not.toMatch(/(^|,)=HYPERLINK/m)
    expect(result.stdout).not.toMatch(RAW)
  })
})

describe('--out checked before any AWS call', () => {
  it('keys create --out in a folder that does not exist: exit 2, no key created', async () => {
    const before = await keyCount()
    const result = await apigw('keys', 'create', '--name', 'out-missing', '--out', join(dir, 'no-such-folder', 'k.txt'))
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`the folder ${join(dir, 'no-such-folder')} does not exist`)
    expect(result.stderr).toContain('Try: mkdir -p')
    expect(await keyCount()).toBe(before)
  })

  it('keys create --out naming a folder: exit 2, no key created', async () => {
    const before = await keyCount()
    const result = await apigw('keys', 'create', '--name', 'out-folder', '--out', dir)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`--out ${dir} is a folder`)
    expect(await keyCount()).toBe(before)
  })

  it('keys rotate and apis export refuse such a path before any call', async () => {
    const rotate = await offline('keys', 'rotate', 'partner', '--out', join(dir, 'missing', 'new.key'))
    expect(rotate.code).toBe(2)
    expect(rotate.stderr).toContain('does not exist')
    const exported = await offline('apis', 'export', '--api', 'shop', '--out', join(dir, 'missing', 'shop.json'))
    expect(exported.code).toBe(2)
    expect(exported.stderr).toContain('does not exist')
  })
})

describe('input checked before any AWS call', () => {
  it('keys import refuses a value with a line break or a tab, as keys create does: exit 2, nothing imported', async () => {
    const value = 'v'.repeat(40)
    const file = join(dir, 'keys.csv')
    writeFileSync(file, `name,key\na,"${value}\nb"\nb,"${value}\tc"\n`)
    const before = await keyCount()
    const result = await apigw('keys', 'import', file, '--yes')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('line 2: the value has more than one line')
    expect(result.stderr).toContain('line 4: the value has a control character')
    expect(result.stderr).not.toContain(value)
    expect(await keyCount()).toBe(before)

    const created = await runCli(['keys', 'create', '--name', 'tabbed', '--value-stdin'], env, {input: `${value}\tc\n`})
    expect(created.code).toBe(2)
    expect(created.stderr).toContain('The key value from stdin has a control character')
  })

  it.each([
    [['metrics', 'get', '--api', 'shop', '--stage', 'prod', '--metric', 'count', '--since', '99999999999d'], '--since can be at most 455d'],
    [['cache', 'flush', '--api', 'shop', '--stage', 'prod', '--wait', '--timeout', '30d', '--yes'], '--timeout can be at most 24d'],
    [['keys', 'rotate', 'partner', '--grace', '99999d'], '--grace can be at most 365d'],
    [['canary', 'status', '--api', 'shop', '--stage', 'prod', '--since', '1000d'], '--since can be at most 455d'],
    [['apis', 'list', '--retry-budget', '99999999999d'], '--retry-budget can be at most 24d'],
    [['plans', 'usage', 'gold', '--since', '99999999999d'], '--since can be at most 455d'],
  ])('an absurd duration is a usage error naming the maximum, never a crash: %j', async (args, message) => {
    const result = await offline(...args)
    expect(result.stderr).toContain(message)
    expect(result.code).toBe(2)
  })

  it('deploy --create-stage refuses a name no stage can have, creating nothing', async () => {
    const stagesBefore = (await clients.rest.send(new GetStagesCommand({restApiId: api.id}))).item?.length
    const result = await apigw('deploy', '--api', api.id, '--stage', 'my stage', '--create-stage')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--stage "my stage" is not a stage name')
    expect((await clients.rest.send(new GetStagesCommand({restApiId: api.id}))).item?.length).toBe(stagesBefore)
    const offlineResult = await offline('deploy', '--api', 'shop', '--stage', 'a/b', '--create-stage')
    expect(offlineResult.code).toBe(2)
  })
})
