import {
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetUsagePlansCommand,
  TagResourceCommand,
} from '@aws-sdk/client-api-gateway'
import {mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parseFaults} from '../../packages/cli/src/lib/sandbox/faults.js'
import {simulateTraffic} from '../../packages/sandbox/src/traffic/simulate.js'
import {runCli, type CliResult} from '../helpers/cli.js'
import {REQUEST_TAG, REQUEST_TOKEN} from '../helpers/request-token.js'
import {clients, env, sandbox, seed, useSandboxCli} from '../helpers/sandbox-cli.js'

useSandboxCli()

const DAY = 86_400_000
const TAG = {rotationOf: 'apigw:rotation-of', rotatedTo: 'apigw:rotated-to', graceUntil: 'apigw:grace-until', finalized: 'apigw:rotation-finalized', claim: 'apigw:rotation-claim'}
const json = (stdout: string) => JSON.parse(stdout)
const dir = mkdtempSync(join(tmpdir(), 'apigw-rotate-'))

/** Every output of a command run without --show-value: none may hold a key value (checked last). */
const outputs: CliResult[] = []
const apigw = async (...args: string[]) => {
  const result = await runCli(args, env)
  outputs.push(result)
  return result
}

let apiId: string
const plans: string[] = []

/** An enabled key of customer acme, tagged team=partners, in the three plans (gold: prod, silver: beta, bronze: dev). */
async function partnerKey(name: string): Promise<string> {
  const {id} = await clients.rest.send(new CreateApiKeyCommand({name, customerId: 'acme', description: 'Acme production', enabled: true, tags: {team: 'partners'}}))
  for (const usagePlanId of plans) await clients.rest.send(new CreateUsagePlanKeyCommand({usagePlanId, keyId: id!, keyType: 'API_KEY'}))
  return id!
}

const allKeys = async () => (await clients.rest.send(new GetApiKeysCommand({limit: 500}))).items ?? []
const getKey = (apiKey: string) => clients.rest.send(new GetApiKeyCommand({apiKey}))
const successorsOf = async (oldId: string) => (await allKeys()).filter((key) => key.tags?.[TAG.rotationOf] === oldId)
const plansOf = async (keyId: string) => ((await clients.rest.send(new GetUsagePlansCommand({keyId}))).items ?? []).map((plan) => plan.id).sort()

/** Ten minutes of requests with `keyIds` through the prod stage (gold plan), ending now. */
function traffic(keyIds: string[]) {
  const end = Date.now()
  simulateTraffic(sandbox.context, {apiId, stage: 'prod', rps: 2, start: end - 10 * 60_000, end, errorRate: {'4xx': 0, '5xx': 0}, latency: {p50: 40, p99: 300}, cacheHit: 0, keys: keyIds})
}

/** A week later, as another machine would find it: both keys' grace deadline moved into the past. */
async function graceOver(oldId: string, newId: string) {
  const past = new Date(Date.now() - DAY).toISOString().replace(/\.\d{3}Z$/, 'Z')
  for (const id of [oldId, newId]) await clients.rest.send(new TagResourceCommand({resourceArn: `arn:aws:apigateway:us-east-1::/apikeys/${id}`, tags: {[TAG.graceUntil]: past}}))
}

beforeAll(async () => {
  apiId = (await seed.restApi('rotation-shop')).id
  for (const [name, stage] of [['gold', 'prod'], ['silver', 'beta'], ['bronze', 'dev']]) {
    if (stage !== 'prod') await clients.rest.send(new CreateDeploymentCommand({restApiId: apiId, stageName: stage}))
    const plan = await clients.rest.send(new CreateUsagePlanCommand({name, apiStages: [{apiId, stage}]}))
    plans.push(plan.id!)
  }
  plans.sort()
})

describe('keys rotate', () => {
  it('--dry-run plans CreateApiKey, a CreateUsagePlanKey per plan, the check and the old key\'s tags, and changes nothing', async () => {
    const oldId = await partnerKey('dry')
    const result = await apigw('keys', 'rotate', 'dry', '--dry-run', '--json')
    expect(result.code).toBe(0)
    const {dryRun, plan} = json(result.stdout)
    expect(dryRun).toBe(true)
    expect(plan.severity).toBe('safe')
    expect(plan.steps.map((step: {operation: string}) => step.operation)).toEqual(['CreateApiKey', 'CreateUsagePlanKey', 'CreateUsagePlanKey', 'CreateUsagePlanKey', 'GetUsagePlans', 'TagResource'])
    expect(plan.steps[0].input).toMatchObject({name: expect.stringMatching(/^dry-rot-\d{8}-\d{6}$/), customerId: 'acme', description: 'Acme production', enabled: true, tags: {team: 'partners', [TAG.rotationOf]: oldId}})
    expect(plan.steps[1].input).toEqual({usagePlanId: expect.any(String), keyId: '<new key id from step 1>', keyType: 'API_KEY'})
    expect(await successorsOf(oldId)).toEqual([])
  })

  it('rotates a key in three plans: a new enabled key in the same plans, both keys tagged, the old key still enabled', async () => {
    const oldId = await partnerKey('partner-a')
    const before = Date.now()
    const result = await apigw('keys', 'rotate', 'partner-a', '--json')
    expect(result.code).toBe(0)
    const rotated = json(result.stdout)
    const [newKey] = await successorsOf(oldId)
    expect(rotated).toMatchObject({
      oldKey: {id: oldId, name: 'partner-a', enabled: true, deleted: false},
      newKey: {id: newKey.id, name: newKey.name, enabled: true},
      status: 'in-grace',
      finalizedAt: null,
      resumed: false,
      valueFile: null,
    })
    expect(rotated.plans.map((plan: {id: string}) => plan.id).sort()).toEqual(plans)
    expect(rotated).not.toHaveProperty('value')
    // AWS afterwards: the new key mirrors the old one and names it; the old key names the new one.
    expect(newKey).toMatchObject({name: expect.stringMatching(/^partner-a-rot-\d{8}-\d{6}$/), customerId: 'acme', description: 'Acme production', enabled: true})
    const deadline = Date.parse(newKey.tags![TAG.graceUntil])
    expect(deadline).toBeGreaterThan(before + 7 * DAY - 2000)
    expect(deadline).toBeLessThan(Date.now() + 7 * DAY)
    expect(newKey.tags).toEqual({
      team: 'partners',
      [TAG.rotationOf]: oldId,
      [TAG.graceUntil]: newKey.tags![TAG.graceUntil],
      [REQUEST_TAG]: REQUEST_TOKEN,
      [TAG.claim]: expect.stringMatching(/^[0-9a-f]{8}$/),
    })
    const oldKey = await getKey(oldId)
    expect(oldKey.enabled).toBe(true)
    expect(oldKey.tags).toEqual({team: 'partners', [TAG.rotatedTo]: newKey.id, [TAG.graceUntil]: newKey.tags![TAG.graceUntil]})
    expect(await plansOf(newKey.id!)).toEqual(plans)
    expect(await plansOf(oldId)).toEqual(plans)
    expect(result.stderr).toContain(`fetch it with: apigw keys show ${newKey.id} --show-value`)

    // Run again: nothing left to do, and still one new key.
    const again = await apigw('keys', 'rotate', 'partner-a', '--json')
    expect(again.code).toBe(0)
    expect(json(again.stdout)).toMatchObject({resumed: true, newKey: {id: newKey.id}})
    expect(again.stderr).toContain(`Found the rotation of the key partner-a (${oldId}) to the key ${newKey.name} (${newKey.id}) in the keys' tags`)
    expect(await successorsOf(oldId)).toHaveLength(1)
  })

  it('a failure between attachments exits 8 with the state and the command that resumes; that command finishes with one new key', async () => {
    const oldId = await partnerKey('partner-b')
    sandbox.faults = parseFaults('fail=CreateUsagePlanKey#2')
    const failed = await apigw('keys', 'rotate', 'partner-b', '--retry-budget', '0s')
    expect(failed.code).toBe(8)
    const [newKey] = await successorsOf(oldId)
    expect(failed.stderr).toContain('Step 3 of 6 failed: CreateUsagePlanKey failed: Service Unavailable')
    expect(failed.stderr).toContain(`Rotation state: new key ${newKey.name} (${newKey.id}) created, in 1 of 3 usage plans; the old key is unchanged and stays enabled.`)
    expect(failed.stderr).toContain(`Try: apigw keys rotate ${oldId} (carries on from here; it never creates a second key)`)
    expect(failed.stdout).toBe('')
    expect(await plansOf(newKey.id!)).toHaveLength(1)
    expect((await getKey(oldId)).tags).toEqual({team: 'partners'})

    // Finalizing now would cut off customers who never got the new value.
    const early = await apigw('keys', 'rotate', 'partner-b', '--finalize', '--yes')
    expect(early.code).toBe(5)
    expect(early.stderr).toContain('has not finished starting: the new key is in 1 of the old key\'s 3 usage plans')

    // A second failure, at the first step of the resumed run, is partial too.
    sandbox.faults = parseFaults('fail=CreateUsagePlanKey#1')
    const again = await apigw('keys', 'rotate', oldId, '--retry-budget', '0s')
    expect(again.code).toBe(8)
    expect(again.stderr).toContain('in 1 of 3 usage plans')

    const resumed = await apigw('keys', 'rotate', oldId, '--json')
    expect(resumed.code).toBe(0)
    expect(json(resumed.stdout)).toMatchObject({resumed: true, newKey: {id: newKey.id}})
    expect(await successorsOf(oldId)).toHaveLength(1)
    expect(await plansOf(newKey.id!)).toEqual(plans)
    expect((await getKey(oldId)).tags).toMatchObject({[TAG.rotatedTo]: newKey.id})
  })

  it('a single unavailable call is retried within --retry-budget, and the rotation completes', async () => {
    const oldId = await partnerKey('partner-retry')
    sandbox.faults = parseFaults('fail=CreateUsagePlanKey#2')
    const result = await apigw('keys', 'rotate', 'partner-retry')
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/AWS is unavailable \(CreateUsagePlanKey\); it may have been done all the same, so apigw looks for it before retrying in/)
    const [newKey] = await successorsOf(oldId)
    expect(await plansOf(newKey.id!)).toEqual(plans)
  })

  it('--out writes the value to a new file with mode 0600, and refuses an existing file before creating anything', async () => {
    const oldId = await partnerKey('partner-out')
    const taken = join(dir, 'taken.key')
    writeFileSync(taken, 'someone else\'s value\n')
    const refused = await apigw('keys', 'rotate', 'partner-out', '--out', taken)
    expect(refused.code).toBe(5)
    expect(refused.stderr).toContain(`${taken} already exists`)
    expect(await successorsOf(oldId)).toEqual([])

    const file = join(dir, 'partner-out.key')
    const result = await apigw('keys', 'rotate', 'partner-out', '--out', file, '--json')
    expect(result.code).toBe(0)
    expect(json(result.stdout).valueFile).toBe(file)
    const [newKey] = await successorsOf(oldId)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).toBe(`${(await clients.rest.send(new GetApiKeyCommand({apiKey: newKey.id!, includeValue: true}))).value}\n`)
    // The same command again: the file already holds this value, and stays as it is.
    expect((await apigw('keys', 'rotate', 'partner-out', '--out', file)).code).toBe(0)
  })

  it('--show-value puts the value in the result; under GitHub Actions it is masked before anything else is printed', async () => {
    const oldId = await partnerKey('partner-show')
    const result = await runCli(['keys', 'rotate', 'partner-show', '--show-value', '--json'], {...env, GITHUB_ACTIONS: 'true'})
    expect(result.code).toBe(0)
    const [newKey] = await successorsOf(oldId)
    const {value} = (await clients.rest.send(new GetApiKeyCommand({apiKey: newKey.id!, includeValue: true})))
    // Masked on stderr (it reaches the runner's log even when stdout is piped) before any line showing it.
    expect(result.stderr).toContain(`::add-mask::${value}\n`)
    expect(result.stderr.replace(`::add-mask::${value}`, '')).not.toContain(value)
    expect(json(result.stdout).value).toBe(value)
  })

  it('refuses what makes no sense: an unknown key, --delete without --grace 0, --force without --finalize, a bad --grace', async () => {
    await partnerKey('partner-usage')
    expect((await apigw('keys', 'rotate', 'no-such-key')).code).toBe(4)
    const deleting = await apigw('keys', 'rotate', 'partner-usage', '--delete')
    expect(deleting.code).toBe(2)
    expect(deleting.stderr).toContain('--delete deletes the old key at once, so it goes with --grace 0')
    expect((await apigw('keys', 'rotate', 'partner-usage', '--force')).code).toBe(2)
    const grace = await apigw('keys', 'rotate', 'partner-usage', '--grace', 'a week')
    expect(grace.code).toBe(2)
    expect(grace.stderr).toContain('--grace must be a duration such as 30s, 15m, 3h or 7d')
    expect((await apigw('keys', 'rotate', 'partner-usage', '--finalize')).code).toBe(4)
  })

  it('refuses to rotate the new key of an unfinished rotation (exit 5)', async () => {
    const oldId = await partnerKey('partner-chain')
    expect((await apigw('keys', 'rotate', 'partner-chain')).code).toBe(0)
    const [newKey] = await successorsOf(oldId)
    const result = await apigw('keys', 'rotate', newKey.id!)
    expect(result.code).toBe(5)
    expect(result.stderr).toContain(`is the new key of an unfinished rotation of ${oldId}`)
    expect(result.stderr).toContain(`Try: apigw keys rotate ${oldId} --finalize`)
  })
})

describe('keys rotate --finalize', () => {
  it('refuses while the old key still has traffic (exit 5), asks before the deadline, and disables it with --force --yes', async () => {
    const oldId = await partnerKey('partner-busy')
    expect((await apigw('keys', 'rotate', 'partner-busy')).code).toBe(0)
    const [newKey] = await successorsOf(oldId)
    traffic([oldId])

    const refused = await apigw('keys', 'rotate', 'partner-busy', '--finalize', '--yes')
    expect(refused.code).toBe(5)
    expect(refused.stderr).toMatch(/The old key partner-busy \(\w+\) had [\d,]+ requests yesterday and today \(UTC\); disabling it would cut those clients off\./)
    expect(refused.stderr).toContain(`Or: apigw keys rotate ${newKey.id} --finalize --force, to cut it off anyway`)
    expect((await getKey(oldId)).enabled).toBe(true)

    const unconfirmed = await apigw('keys', 'rotate', newKey.id!, '--finalize', '--force')
    expect(unconfirmed.code).toBe(2)
    expect(unconfirmed.stderr).toMatch(/Warning: The grace period runs until \S+ \(6d 23h left\)/)
    expect((await getKey(oldId)).enabled).toBe(true)

    const forced = await apigw('keys', 'rotate', newKey.id!, '--finalize', '--force', '--yes', '--json')
    expect(forced.code).toBe(0)
    expect(json(forced.stdout)).toMatchObject({oldKey: {id: oldId, enabled: false, deleted: false}, newKey: {id: newKey.id}, status: 'finalized', finalizedAt: expect.any(String)})
    expect((await getKey(oldId)).enabled).toBe(false)
    expect((await getKey(newKey.id!)).tags?.[TAG.finalized]).toBe(json(forced.stdout).finalizedAt.replace('.000Z', 'Z'))
  })

  it('after the deadline, with no traffic, disables the old key without asking', async () => {
    const oldId = await partnerKey('partner-idle')
    expect((await apigw('keys', 'rotate', 'partner-idle')).code).toBe(0)
    const [newKey] = await successorsOf(oldId)
    await graceOver(oldId, newKey.id!)
    const result = await apigw('keys', 'rotate', 'partner-idle', '--finalize')
    expect(result.code).toBe(0)
    expect(result.stderr).not.toContain('Warning')
    expect((await getKey(oldId)).enabled).toBe(false)
  })

  it('--delete needs the old key\'s name to confirm, deletes it, marks the rotation done, and a second run has nothing to do', async () => {
    const oldId = await partnerKey('partner-gone')
    expect((await apigw('keys', 'rotate', 'partner-gone')).code).toBe(0)
    const [newKey] = await successorsOf(oldId)
    await graceOver(oldId, newKey.id!)

    const dry = await apigw('keys', 'rotate', 'partner-gone', '--finalize', '--delete', '--dry-run', '--json')
    expect(json(dry.stdout).plan).toMatchObject({severity: 'severe', steps: [{operation: 'DeleteApiKey', input: {apiKey: oldId}}, {operation: 'TagResource'}]})
    const unconfirmed = await apigw('keys', 'rotate', 'partner-gone', '--finalize', '--delete')
    expect(unconfirmed.code).toBe(2)
    expect(unconfirmed.stderr).toContain('This needs --confirm partner-gone')

    const deleted = await apigw('keys', 'rotate', 'partner-gone', '--finalize', '--delete', '--confirm', 'partner-gone', '--json')
    expect(deleted.code).toBe(0)
    expect(json(deleted.stdout)).toMatchObject({oldKey: {id: oldId, name: 'partner-gone', enabled: false, deleted: true}, status: 'finalized'})
    expect((await allKeys()).some((key) => key.id === oldId)).toBe(false)
    expect((await getKey(newKey.id!)).tags?.[TAG.finalized]).toBeDefined()

    const again = await apigw('keys', 'rotate', newKey.id!, '--finalize', '--delete')
    expect(again.code).toBe(0)
    expect(again.stderr).toContain('nothing to do')
  })
})

describe('keys rotate --grace 0', () => {
  it('needs --yes, then creates, attaches, hands out and disables the old key at once, with no traffic check', async () => {
    const oldId = await partnerKey('partner-leaked')
    traffic([oldId])
    const unconfirmed = await apigw('keys', 'rotate', 'partner-leaked', '--grace', '0')
    expect(unconfirmed.code).toBe(2)
    expect(await successorsOf(oldId)).toEqual([])

    const file = join(dir, 'leaked.key')
    const result = await apigw('keys', 'rotate', 'partner-leaked', '--grace', '0', '--out', file, '--yes', '--json')
    expect(result.code).toBe(0)
    const [newKey] = await successorsOf(oldId)
    expect(json(result.stdout)).toMatchObject({oldKey: {id: oldId, enabled: false}, newKey: {id: newKey.id, enabled: true}, status: 'finalized', valueFile: file})
    expect((await getKey(oldId)).enabled).toBe(false)
    expect(await plansOf(newKey.id!)).toEqual(plans)
    expect(newKey.tags?.[TAG.finalized]).toBeDefined()
    expect(readFileSync(file, 'utf8').trim()).toHaveLength(40)
  })

  it('--delete deletes the old key once the new one is in place (confirmed by name)', async () => {
    const oldId = await partnerKey('partner-burned')
    const result = await apigw('keys', 'rotate', 'partner-burned', '--grace', '0', '--delete', '--confirm', 'partner-burned', '--json')
    expect(result.code).toBe(0)
    expect(json(result.stdout).oldKey).toEqual({id: oldId, name: 'partner-burned', enabled: false, deleted: true})
    expect((await allKeys()).some((key) => key.id === oldId)).toBe(false)
  })
})

describe('keys rotations', () => {
  it('lists rotations in progress with both keys\' use: is anyone still using the old key?', async () => {
    const oldId = await partnerKey('partner-watch')
    expect((await apigw('keys', 'rotate', 'partner-watch')).code).toBe(0)
    const [newKey] = await successorsOf(oldId)
    traffic([oldId, newKey.id!])

    const result = await apigw('keys', 'rotations', '--since', '3d', '--json')
    expect(result.code).toBe(0)
    const watched = json(result.stdout).rotations.find((rotation: {oldKey: {id: string}}) => rotation.oldKey.id === oldId)
    expect(watched).toMatchObject({newKey: {id: newKey.id}, status: 'in-grace', newKeyInAllPlans: true, oldKeyInUse: true, oldKeyLastUsed: new Date().toISOString().slice(0, 10)})
    expect(watched.usage.days).toHaveLength(3)
    expect(watched.usage.oldKey.at(-1) + watched.usage.oldKey.at(-2)).toBeGreaterThan(0)
    expect(watched.usage.newKey.at(-1) + watched.usage.newKey.at(-2)).toBeGreaterThan(0)
    // Finalized rotations are not in progress.
    expect(json(result.stdout).rotations.some((rotation: {oldKey: {name: string}}) => rotation.oldKey.name === 'partner-leaked')).toBe(false)

    // An absolute window: the days named, however long ago.
    const day = (back: number) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10)
    const past = await apigw('keys', 'rotations', '--start', day(5), '--end', day(1), '--json')
    expect(past.code, past.stderr).toBe(0)
    const pastWatch = json(past.stdout).rotations.find((rotation: {oldKey: {id: string}}) => rotation.oldKey.id === oldId)
    expect(pastWatch.usage.days).toEqual([day(5), day(4), day(3), day(2), day(1)])

    const table = await apigw('keys', 'rotations')
    expect(table.stdout).toMatch(/^OLD KEY\s+NEW KEY\s+PLANS\s+GRACE\s+OLD KEY USE \(7d\)\s+NEW KEY USE \(7d\)\s+VERDICT$/m)
    expect(table.stdout).toMatch(new RegExp(`^partner-watch \\(${oldId}\\)\\s+partner-watch-rot-\\S+ \\(${newKey.id}\\)\\s+3 plans\\s+6d 23h left .*old key still in use$`, 'm'))
  })
})

afterAll(async () => {
  sandbox.faults = parseFaults('none')
})

describe('key values', () => {
  it('appear in no output of any command run without --show-value', async () => {
    const values = ((await clients.rest.send(new GetApiKeysCommand({limit: 500, includeValues: true}))).items ?? []).map((key) => key.value!)
    expect(outputs.length).toBeGreaterThan(20)
    for (const {stdout, stderr} of outputs) for (const value of values) expect(`${stdout}${stderr}`).not.toContain(value)
  })
})
