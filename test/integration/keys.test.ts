import {CreateApiKeyCommand, CreateUsagePlanCommand, CreateUsagePlanKeyCommand, GetApiKeyCommand, GetApiKeysCommand, GetUsagePlanKeysCommand} from '@aws-sdk/client-api-gateway'
import {mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {awsEnv, runCli, type CliResult} from '../helpers/cli.js'
import {clients, env, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

/** Everything every keys command printed in this file, with whether it was asked to show a value. */
const transcript: Array<{args: string[]; result: CliResult; showsValue: boolean}> = []
/** Every key value this file ever saw: in the sandbox after each run, or written to a file for the CLI to read. */
const secrets = new Set<string>()

async function rememberValues(): Promise<void> {
  const keys = await clients.rest.send(new GetApiKeysCommand({includeValues: true, limit: 500}))
  for (const key of keys.items ?? []) secrets.add(key.value!)
}

async function run(args: string[], options: {env?: Record<string, string>; input?: string} = {}): Promise<CliResult> {
  const result = await runCli(args, options.env ?? env, {input: options.input})
  transcript.push({args, result, showsValue: args.includes('--show-value')})
  await rememberValues()
  return result
}
const apigw = (...args: string[]) => run(args)
/** The CLI pointed at a port nothing listens on: a usage error there proves nothing was sent. */
const offline = (...args: string[]) => run(args, {env: awsEnv('http://127.0.0.1:9', {AWS_MAX_ATTEMPTS: '1'})})
const json = (stdout: string) => JSON.parse(stdout)
const dir = mkdtempSync(join(tmpdir(), 'apigw-keys-'))
let files = 0
/** A new file in the test directory; a key value written there is remembered as a secret. */
function file(text: string, secretValues: string[] = []): string {
  for (const value of secretValues) secrets.add(value)
  const path = join(dir, `f${++files}`)
  writeFileSync(path, text)
  return path
}
const newPath = () => join(dir, `out${++files}`)

const keyCount = async () => (await clients.rest.send(new GetApiKeysCommand({limit: 500}))).items?.length ?? 0
const sdkKey = (apiKey: string) => clients.rest.send(new GetApiKeyCommand({apiKey, includeValue: true}))
const planKeyIds = async (usagePlanId: string) => ((await clients.rest.send(new GetUsagePlanKeysCommand({usagePlanId}))).items ?? []).map((key) => key.id)
async function sdkCreateKey(name: string, extra: {customerId?: string; plans?: string[]; enabled?: boolean; tags?: Record<string, string>} = {}) {
  const key = await clients.rest.send(new CreateApiKeyCommand({name, enabled: extra.enabled ?? true, customerId: extra.customerId, tags: extra.tags}))
  for (const usagePlanId of extra.plans ?? []) await clients.rest.send(new CreateUsagePlanKeyCommand({usagePlanId, keyId: key.id!, keyType: 'API_KEY'}))
  secrets.add(key.value!)
  return key.id!
}

let shop: {id: string}
let other: {id: string}
let gold: string
let free: string
/** Covers shop:prod like gold: no key may be in both. */
let rival: string

beforeAll(async () => {
  shop = await seed.restApi('keys-shop')
  other = await seed.restApi('keys-other')
  const plan = async (name: string, apiId: string) =>
    (await clients.rest.send(new CreateUsagePlanCommand({name, apiStages: [{apiId, stage: 'prod'}]}))).id!
  gold = await plan('gold', shop.id)
  free = await plan('free', other.id)
  rival = await plan('rival', shop.id)
})

describe('keys list', () => {
  let partner: string
  let internal: string
  beforeAll(async () => {
    partner = await sdkCreateKey('list-partner', {customerId: 'cust-list', plans: [gold, free]})
    internal = await sdkCreateKey('list-internal', {plans: [free]})
  })

  it('lists keys newest first with the plans each is in, one GetUsagePlanKeys per plan and no value', async () => {
    const result = await apigw('keys', 'list', '--json', '--debug')
    expect(result.code).toBe(0)
    const {keys} = json(result.stdout)
    const ids = keys.map((key: {id: string}) => key.id)
    expect(ids.indexOf(internal)).toBeLessThan(ids.indexOf(partner))
    expect(keys.find((key: {id: string}) => key.id === partner)).toEqual({
      id: partner,
      name: 'list-partner',
      description: null,
      enabled: true,
      customerId: 'cust-list',
      createdDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      plans: [
        {id: gold, name: 'gold'},
        {id: free, name: 'free'},
      ],
    })
    expect(result.stdout).not.toContain('"value"')
    const calls = (operation: string) => result.stderr.split('\n').filter((line) => line.includes(`apigateway ${operation} ok`)).length
    expect(calls('GetUsagePlans')).toBe(1)
    expect(calls('GetUsagePlanKeys')).toBe(3)
    expect(calls('GetApiKeys')).toBe(1)
  })

  it('filters by plan (id or name), name prefix and customer', async () => {
    const ids = async (...args: string[]) => json((await apigw('keys', 'list', '--json', ...args)).stdout).keys.map((key: {id: string}) => key.id)
    expect(await ids('--plan', 'gold', '--name', 'list-')).toEqual([partner])
    expect(await ids('--plan', free, '--name', 'list-')).toEqual([internal, partner])
    expect(await ids('--name', 'list-int')).toEqual([internal])
    expect(await ids('--customer', 'cust-list')).toEqual([partner])
  })

  it('shows a table', async () => {
    const result = await apigw('keys', 'list', '--name', 'list-')
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^ID\s+NAME\s+ENABLED\s+CREATED\s+PLANS$/)
    expect(lines.find((line) => line.startsWith(partner))).toMatch(/list-partner\s+yes\s+\S+\s+gold, free$/)
  })

  it('an unknown plan is exit 4 with a suggestion', async () => {
    const result = await apigw('keys', 'list', '--plan', 'golde')
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('No usage plan with id or name "golde"')
    expect(result.stderr).toContain('Did you mean: gold?')
  })
})

describe('keys show', () => {
  let id: string
  beforeAll(async () => {
    id = await sdkCreateKey('show-partner', {customerId: 'cust-show', plans: [gold], tags: {team: 'payments'}})
  })

  it('shows plans, tags and customer by name, without the value', async () => {
    const result = await apigw('keys', 'show', 'show-partner', '--json')
    expect(result.code).toBe(0)
    const {key} = json(result.stdout)
    expect(key).toMatchObject({id, name: 'show-partner', enabled: true, customerId: 'cust-show', plans: [{id: gold, name: 'gold'}], tags: {team: 'payments'}, stageKeys: []})
    expect(key).not.toHaveProperty('value')
    expect(key.lastUpdatedDate).toMatch(/^\d{4}-/)
  })

  it('--show-value adds the value, by id', async () => {
    const result = await apigw('keys', 'show', id, '--show-value', '--json')
    expect(json(result.stdout).key.value).toBe((await sdkKey(id)).value)
  })

  it('under GitHub Actions, masks the value before anything else is printed', async () => {
    const result = await run(['keys', 'show', id, '--show-value'], {env: {...env, GITHUB_ACTIONS: 'true'}})
    const value = (await sdkKey(id)).value!
    // On stderr, which reaches the runner's log even when stdout is piped; stdout stays the result.
    expect(result.stderr.split('\n')[0]).toBe(`::add-mask::${value}`)
    expect(result.stdout).toMatch(new RegExp(`value\\s+${value}`))
  })

  it('an unknown key is exit 4; a shared name is exit 5', async () => {
    expect((await apigw('keys', 'show', 'nobody')).code).toBe(4)
    await sdkCreateKey('twin-key')
    await sdkCreateKey('twin-key')
    const result = await apigw('keys', 'show', 'twin-key')
    expect(result.code).toBe(5)
    expect(result.stderr).toContain('2 API keys are named "twin-key"')
  })
})

describe('keys create', () => {
  it('creates an enabled key with a generated value that it does not print, and says how to get it', async () => {
    const result = await apigw('keys', 'create', '--name', 'create-plain', '--json')
    expect(result.code).toBe(0)
    const {key, valueFile} = json(result.stdout)
    expect(valueFile).toBeNull()
    expect(key).not.toHaveProperty('value')
    expect((await sdkKey(key.id)).enabled).toBe(true)
    expect(result.stderr).toContain(`apigw keys show ${key.id} --show-value`)
  })

  it('--disabled creates it disabled; --description, --customer and --tag are set', async () => {
    const result = await apigw('keys', 'create', '--name', 'create-off', '--disabled', '--description', 'spare', '--customer', 'cust-9', '--tag', 'team=ops', '--json')
    const created = await sdkKey(json(result.stdout).key.id)
    expect(created).toMatchObject({enabled: false, description: 'spare', customerId: 'cust-9', tags: {team: 'ops'}})
  })

  it('--plan adds it to each plan with the id CreateApiKey returned', async () => {
    const result = await apigw('keys', 'create', '--name', 'create-planned', '--plan', 'gold', '--plan', free, '--json')
    expect(result.code).toBe(0)
    const {key} = json(result.stdout)
    expect(key.plans).toEqual([
      {id: gold, name: 'gold'},
      {id: free, name: 'free'},
    ])
    expect(await planKeyIds(gold)).toContain(key.id)
    expect(await planKeyIds(free)).toContain(key.id)
  })

  it('--dry-run shows CreateApiKey with the value hidden and the plan key step from step 1, and creates nothing', async () => {
    const value = 'dry-run-value-0123456789abcdef'
    const before = await keyCount()
    const result = await apigw('keys', 'create', '--name', 'create-dry', '--plan', 'gold', '--value-file', file(`${value}\n`, [value]), '--dry-run', '--json')
    expect(result.code).toBe(0)
    const {plan} = json(result.stdout)
    expect(plan.steps.map((step: {operation: string}) => step.operation)).toEqual(['CreateApiKey', 'CreateUsagePlanKey'])
    expect(plan.steps[0].input).toEqual({name: 'create-dry', enabled: true, value: '<value hidden>'})
    expect(plan.steps[1].input).toEqual({usagePlanId: gold, keyId: '<key id from step 1>', keyType: 'API_KEY'})
    expect(await keyCount()).toBe(before)
  })

  it('plans sharing an API stage are refused before anything is created (exit 5)', async () => {
    const before = await keyCount()
    const result = await apigw('keys', 'create', '--name', 'create-clash', '--plan', 'gold', '--plan', 'rival')
    expect(result.code).toBe(5)
    expect(result.stderr).toContain(`also covers ${shop.id}:prod; AWS allows a key in one usage plan per API stage`)
    expect(await keyCount()).toBe(before)
  })

  it('an unknown plan is exit 4, and nothing is created', async () => {
    const before = await keyCount()
    expect((await apigw('keys', 'create', '--name', 'create-lost', '--plan', 'platinum')).code).toBe(4)
    expect(await keyCount()).toBe(before)
  })

  it('takes the value from stdin or a file', async () => {
    const piped = 'piped-value-0123456789abcdefgh'
    secrets.add(piped)
    const fromStdin = await run(['keys', 'create', '--name', 'create-stdin', '--value-stdin', '--json'], {input: `${piped}\n`})
    expect(fromStdin.code).toBe(0)
    expect((await sdkKey(json(fromStdin.stdout).key.id)).value).toBe(piped)
    expect(fromStdin.stderr).not.toContain('--show-value')
    const filed = 'filed-value-0123456789abcdefghi'
    const fromFile = await apigw('keys', 'create', '--name', 'create-file', '--value-file', file(`${filed}\r\n`, [filed]), '--json')
    expect((await sdkKey(json(fromFile.stdout).key.id)).value).toBe(filed)
  })

  it('checks the value and name with AWS\'s rules before any call (exit 2)', async () => {
    const short = await offline('keys', 'create', '--name', 'x', '--value-file', file('a'.repeat(19), ['a'.repeat(19)]))
    expect(short.code).toBe(2)
    expect(short.stderr).toContain('API Key value should be at least 20 characters (the value from')
    const long = await offline('keys', 'create', '--name', 'x', '--value-file', file('b'.repeat(129), ['b'.repeat(129)]))
    expect(long.code).toBe(2)
    expect(long.stderr).toContain('API Key value exceeds maximum size of 128 characters')
    const name = await offline('keys', 'create', '--name', 'n'.repeat(1025))
    expect(name.code).toBe(2)
    expect(name.stderr).toContain('Invalid API Key name, can be at most 1024 characters.')
    const empty = await run(['keys', 'create', '--name', 'x', '--value-stdin'], {env: awsEnv('http://127.0.0.1:9'), input: ''})
    expect(empty.code).toBe(2)
    expect(empty.stderr).toContain('The key value from stdin is empty')
    expect((await offline('keys', 'create', '--name', 'x', '--value-stdin', '--value-file', 'f')).code).toBe(2)
    expect((await offline('keys', 'create', '--name', 'x', '--enabled', '--disabled')).code).toBe(2)
  })

  it('--out writes the value to a new 0600 file, and refuses an existing one before creating anything', async () => {
    const out = newPath()
    const result = await apigw('keys', 'create', '--name', 'create-out', '--out', out, '--json')
    expect(result.code).toBe(0)
    const {key, valueFile} = json(result.stdout)
    expect(valueFile).toBe(out)
    expect(statSync(out).mode & 0o777).toBe(0o600)
    expect(readFileSync(out, 'utf8')).toBe(`${(await sdkKey(key.id)).value}\n`)
    expect(result.stderr).not.toContain('--show-value')

    const before = await keyCount()
    const again = await apigw('keys', 'create', '--name', 'create-out-2', '--out', out)
    expect(again.code).toBe(5)
    expect(again.stderr).toContain(`${out} already exists`)
    expect(await keyCount()).toBe(before)
    expect(readFileSync(out, 'utf8')).toBe(`${(await sdkKey(key.id)).value}\n`)
  })

  it('--show-value prints it; under GitHub Actions it is masked first', async () => {
    const result = await run(['keys', 'create', '--name', 'create-shown', '--show-value', '--json'], {env: {...env, GITHUB_ACTIONS: 'true'}})
    expect(result.code).toBe(0)
    const {key} = json(result.stdout)
    expect(key.value).toBe((await sdkKey(key.id)).value)
    // The generated value is masked as soon as it is known, before the line that could show it.
    expect(result.stderr).toContain(`::add-mask::${key.value}\n`)
  })
})

describe('keys enable and disable', () => {
  let id: string
  beforeAll(async () => {
    id = await sdkCreateKey('switch-partner', {customerId: 'cust-switch', plans: [gold]})
  })

  it('disable needs confirmation without a TTY, naming the plans and the customer cut off', async () => {
    const result = await apigw('keys', 'disable', 'switch-partner')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`cutting off its callers in usage plan gold (${gold}) and customer cust-switch`)
    expect(result.stderr).toContain('apigw keys disable switch-partner --yes')
    expect((await sdkKey(id)).enabled).toBe(true)
  })

  it('disable --dry-run shows the patch and changes nothing', async () => {
    const result = await apigw('keys', 'disable', id, '--dry-run', '--json')
    expect(json(result.stdout).plan).toMatchObject({severity: 'destructive', steps: [{operation: 'UpdateApiKey', input: {apiKey: id, patchOperations: [{op: 'replace', path: '/enabled', value: 'false'}]}}]})
    expect((await sdkKey(id)).enabled).toBe(true)
  })

  it('disable --yes, then enable, then enable again (nothing to do)', async () => {
    const off = await apigw('keys', 'disable', 'switch-partner', '--yes', '--json')
    expect(off.code).toBe(0)
    expect(json(off.stdout)).toMatchObject({key: {id, enabled: false}, changed: true})
    expect((await sdkKey(id)).enabled).toBe(false)
    const on = await apigw('keys', 'enable', id, '--json')
    expect(json(on.stdout)).toMatchObject({key: {enabled: true}, changed: true})
    expect((await sdkKey(id)).enabled).toBe(true)
    const again = await apigw('keys', 'enable', id, '--json')
    expect(again.code).toBe(0)
    expect(json(again.stdout).changed).toBe(false)
    expect(again.stderr).toContain('already enabled')
  })

  it('an unknown key is exit 4', async () => {
    expect((await apigw('keys', 'enable', 'nobody')).code).toBe(4)
  })
})

describe('keys delete', () => {
  it('is severe: without --confirm it warns about the plans and deletes nothing', async () => {
    const id = await sdkCreateKey('delete-busy', {plans: [gold, free]})
    const result = await apigw('keys', 'delete', 'delete-busy')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`is enabled and in 2 usage plans (gold (${gold}), free (${free}))`)
    expect(result.stderr).toContain('apigw keys delete delete-busy --confirm delete-busy')
    expect((await sdkKey(id)).id).toBe(id)
    const wrong = await apigw('keys', 'delete', 'delete-busy', '--confirm', 'delete-bus')
    expect(wrong.code).toBe(2)
    expect((await sdkKey(id)).id).toBe(id)
  })

  it('--confirm <name> deletes it and AWS drops it from its plans; --confirm <id> works too', async () => {
    const id = await sdkCreateKey('delete-me', {plans: [gold]})
    const result = await apigw('keys', 'delete', 'delete-me', '--confirm', 'delete-me', '--json')
    expect(result.code).toBe(0)
    expect(json(result.stdout).deleted).toMatchObject({id, name: 'delete-me', plans: [{id: gold, name: 'gold'}]})
    expect(await planKeyIds(gold)).not.toContain(id)
    await expect(sdkKey(id)).rejects.toThrow('Invalid API Key identifier specified')

    const second = await sdkCreateKey('delete-by-id', {enabled: false})
    const byId = await apigw('keys', 'delete', second, '--confirm', second)
    expect(byId.code).toBe(0)
    expect(byId.stderr).not.toContain('Warning')
    await expect(sdkKey(second)).rejects.toThrow()
  })

  it('an unknown key is exit 4', async () => {
    expect((await apigw('keys', 'delete', 'nobody', '--confirm', 'nobody')).code).toBe(4)
  })
})

describe('keys import', () => {
  const value = (label: string) => `${label}-import-value-0123456789abcdef`

  it('creates every key of a valid file in one ImportApiKeys call, with enabled and plans, and prints no value', async () => {
    const values = [value('alpha'), value('beta'), 'gamma-short-value-012345']
    const csv = file(
      [`NAME,key,Description,enabled,UsagePlanIds,Ignored`, `imp-alpha,${values[0]},first,TRUE,"${gold},${free}",x`, `imp-beta,${values[1]},,false,,`, `imp-gamma,'${values[2]}',,,${free},`].join('\n'),
      values,
    )
    const result = await apigw('keys', 'import', csv, '--json', '--debug')
    expect(result.code).toBe(0)
    expect(result.stderr.split('\n').filter((line) => line.includes('apigateway ImportApiKeys ok'))).toHaveLength(1)
    expect(result.stderr).toContain('line 4: the value has 24 characters; AWS recommends at least 30 for imported keys')
    const {imported} = json(result.stdout)
    expect(imported.map((key: {line: number; name: string; enabled: boolean}) => [key.line, key.name, key.enabled])).toEqual([
      [2, 'imp-alpha', true],
      [3, 'imp-beta', false],
      [4, 'imp-gamma', true],
    ])
    expect(imported[0].plans).toEqual([
      {id: gold, name: 'gold'},
      {id: free, name: 'free'},
    ])
    const alpha = await sdkKey(imported[0].id)
    expect(alpha).toMatchObject({value: values[0], description: 'first', enabled: true})
    expect(await planKeyIds(gold)).toContain(imported[0].id)
    expect(await planKeyIds(free)).toContain(imported[2].id)
  })

  it('one bad row: nothing is created, exit 2, the line named', async () => {
    const before = await keyCount()
    const csv = file(['Name,Key', `ok-one,${value('ok1')}`, 'bad-one,too-short', `ok-two,${value('ok2')}`].join('\n'), [value('ok1'), 'too-short', value('ok2')])
    const result = await apigw('keys', 'import', csv)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('1 problem, so nothing was imported')
    expect(result.stderr).toContain('line 3: API Key value should be at least 20 characters')
    expect(await keyCount()).toBe(before)
  })

  it('reports every problem of the file at once, with line numbers', async () => {
    const existing = (await sdkKey(await sdkCreateKey('imp-existing'))).value!
    const before = await keyCount()
    const rows = [
      'name,key,enabled,usageplanids',
      `a,${value('a')},yes,`,
      `b,${value('b')},,nope`,
      `c,${value('a')},,`,
      `d,${existing},,`,
      `e,${value('e')},,"${gold},${rival}"`,
      `f,${'x'.repeat(129)},,`,
    ]
    const result = await apigw('keys', 'import', file(rows.join('\n'), [value('a'), value('b'), value('e'), 'x'.repeat(129)]), '--json')
    expect(result.code).toBe(2)
    const {error} = json(result.stdout)
    expect(error.code).toBe('INVALID_KEY_FILE')
    const lines = error.message.split('\n').slice(1)
    expect(lines).toEqual([
      '  line 2: Enabled is "yes"; it must be true or false (empty means true)',
      '  line 3: no usage plan has the id "nope"',
      '  line 4: the same value as line 2: ImportApiKeys would keep only one key',
      expect.stringMatching(/^ {2}line 5: this value is already the value of key imp-existing \(\w+\); ImportApiKeys would overwrite that key$/),
      expect.stringContaining(`  line 6: The key e (line 6) is in usage plan gold (${gold}), which also covers ${shop.id}:prod`),
      '  line 7: API Key value exceeds maximum size of 128 characters',
    ])
    expect(await keyCount()).toBe(before)
  })

  it('a header without a Key column is refused, saying AWS calls it Key', async () => {
    const result = await apigw('keys', 'import', file(`Name,Value\nx,${value('v')}\n`, [value('v')]))
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('line 1: the header has no Key column (AWS names the value column Key, not Value)')
  })

  it('--dry-run shows one ImportApiKeys with the body hidden; a missing file is exit 2', async () => {
    const before = await keyCount()
    const result = await apigw('keys', 'import', file(`name,key\ndry,${value('dry')}\n`, [value('dry')]), '--dry-run', '--json')
    expect(result.code).toBe(0)
    const {plan} = json(result.stdout)
    expect(plan.steps).toEqual([expect.objectContaining({operation: 'ImportApiKeys', input: {format: 'csv', failOnWarnings: true, body: expect.stringMatching(/^<1 API key from .*, values hidden>$/)}})])
    expect(await keyCount()).toBe(before)
    expect((await offline('keys', 'import', join(dir, 'missing.csv'))).code).toBe(2)
  })

  it('under GitHub Actions, masks every value of the file before anything else', async () => {
    const values = [value('gh1'), value('gh2')]
    const result = await run(['keys', 'import', file(`name,key\ngh1,${values[0]}\ngh2,${values[1]}\n`, values)], {env: {...env, GITHUB_ACTIONS: 'true'}})
    expect(result.code).toBe(0)
    expect(result.stderr.split('\n').slice(0, 2)).toEqual(values.map((secret) => `::add-mask::${secret}`))
  })
})

// Last in the file, so that it sees every run above.
describe('no key value in any output without --show-value', () => {
  it('scans stdout and stderr of every keys command run in this file', () => {
    expect(transcript.length).toBeGreaterThan(40)
    expect(secrets.size).toBeGreaterThan(20)
    const leaks = transcript.flatMap(({args, result, showsValue}) => {
      if (showsValue) return []
      // ::add-mask:: lines exist to name the value, for GitHub to hide it everywhere else.
      const printed = [result.stdout, result.stderr].join('\n').split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')
      return [...secrets].filter((secret) => printed.includes(secret)).map(() => args.join(' '))
    })
    expect(leaks).toEqual([])
  })
})
