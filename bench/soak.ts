// npm run soak: apigw's failure model under load (docs/failure-model.md). Two writers run 5,000
// mixed operations at once through apigw's own library (the code each command runs, without the
// process start), against an in-process sandbox where 2% of writes take effect and then lose their
// answer (a reset, then a 503). At the end it reads AWS independently and counts:
// - duplicates: a name (or release record) that one acknowledged create left more than once;
// - lost acknowledged writes: an acknowledged create that AWS does not hold, or a writer's own
//   stage variable that holds neither its last acknowledged value nor one it tried later;
// - wrongly reported values: a value a command reported that AWS did not hold when the command
//   read the stage back after writing (or, with no read back, when it reported).
// Each must be 0. A measurement, not a test: it prints figures and exits 1 if any is not 0.
import {APIGatewayClient, CreateUsagePlanCommand, GetStageCommand} from '@aws-sdk/client-api-gateway'
import {AwsSession} from '../packages/cli/src/lib/aws/session.js'
import {ApigwError} from '../packages/cli/src/lib/errors.js'
import {prepareKeyCreation} from '../packages/cli/src/lib/keys/create.js'
import {checkKeyCreateOptions} from '../packages/cli/src/lib/keys/create-options.js'
import {QUIET, runPrepared} from '../packages/cli/src/lib/change/prepared.js'
import {prepareDeploy} from '../packages/cli/src/lib/releases/deploy.js'
import {prepareStageSettings} from '../packages/cli/src/lib/stages/set.js'
import {parseSettingsRequest} from '../packages/cli/src/lib/stages/settings-request.js'
import {prepareCreate} from '../packages/cli/src/lib/usage-plans/create.js'
import {parseFaults} from '../packages/cli/src/lib/sandbox/faults.js'
import {TABLES, type StageRecord} from '../packages/sandbox/src/model.js'
import {startSandbox} from '../packages/sandbox/src/index.js'

const OPERATIONS = Number(process.env.SOAK_OPERATIONS ?? 5000)
const LOST_SHARE = process.env.SOAK_LOST ?? '2%'
const UPDATE_LATENCY = process.env.SOAK_UPDATE_LATENCY ?? '10ms'
const WRITERS = ['w1', 'w2'] as const
type Writer = (typeof WRITERS)[number]

const sandbox = await startSandbox({transitionDelayMs: 50})
const credentials = {accessKeyId: 'AKIDSOAK', secretAccessKey: 'soak'}
const sdk = new APIGatewayClient({endpoint: sandbox.endpoint, region: 'us-east-1', credentials, maxAttempts: 1})
/** Retries after an answer that failed or was lost, by kind; creates look for what they made first. */
const retries = new Map<string, number>()
/** One session per operation, as one per command run; `onRead` hears when each GetStage or GetStages was sent and answered. */
const session = (onRead?: (sent: number, answered: number) => void) =>
  new AwsSession({
    onDebug: (line) => {
      const read = /^apigateway GetStages? ok in (\d+) ms$/.exec(line)
      const now = performance.now()
      if (read) onRead?.(now - Number(read[1]) - 1, now)
    },
    env: {},
    endpointUrl: sandbox.endpoint,
    region: 'us-east-1',
    retryBudgetMs: 30_000,
    staticCredentials: credentials,
    onRetry: (notice) => {
      const kind = notice.message.includes('may have been done') ? `${notice.operation} (looked up first)` : notice.operation
      retries.set(kind, (retries.get(kind) ?? 0) + 1)
    },
  })

// Every value the shared stage held, and when: a reported value must be among those held while its command ran.
const stageHistory: Array<{at: number; variables: Record<string, string>}> = []
const put = sandbox.context.store.put.bind(sandbox.context.store)
sandbox.context.store.put = <T>(table: string, id: string, value: T): T => {
  if (table === TABLES.stages && (value as StageRecord).stageName === 'prod') stageHistory.push({at: performance.now(), variables: {...(value as StageRecord).variables}})
  return put(table, id, value)
}

const {seeder} = await import('../test/helpers/seed.js')
const api = await seeder(sandbox.endpoint).restApi('soak')
const planForKeys = (await sdk.send(new CreateUsagePlanCommand({name: 'soak-keys-plan'}))).id!

interface Acknowledged {
  kind: 'key' | 'plan' | 'deployment'
  id: string
  /** The name (keys, plans) or description (deployments) it was made with. */
  mark: string
}
interface Reported {
  variable: string
  value: string
  /** The command's last read of the stage (its read back after writing), or the moment it reported. */
  from: number
  to: number
}
const acknowledged: Acknowledged[] = []
const reported: Reported[] = []
/** Per writer: its own variable's values, in order, and the last one acknowledged. */
const ownVariable = Object.fromEntries(WRITERS.map((writer) => [writer, {tried: [] as string[], acknowledged: undefined as string | undefined}]))
const outcomes = new Map<string, number>()
const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)

const started = performance.now()
let done = 0
await Promise.all(WRITERS.map((writer) => writerLoop(writer)))
const seconds = (performance.now() - started) / 1000
sandbox.faults = parseFaults('none')

const figures = await judge()
await sandbox.stop()
console.log(`soak: ${OPERATIONS} operations by ${WRITERS.length} writers at once, lost=${LOST_SHARE} of writes (reset, then 503), UpdateStage +${UPDATE_LATENCY}, in ${seconds.toFixed(1)} s`)
console.log(`outcomes: ${[...outcomes].sort().map(([outcome, n]) => `${outcome} ${n}`).join(', ')}`)
console.log(`retries: ${[...retries].sort().map(([kind, n]) => `${kind} ${n}`).join(', ')}`)
console.log(`duplicates                ${figures.duplicates}   (must be 0)`)
console.log(`lost acknowledged writes  ${figures.lostWrites}   (must be 0)`)
console.log(`wrongly reported values   ${figures.wrongReports}   (must be 0)`)
for (const line of figures.details.slice(0, 20)) console.log(`  ${line}`)
process.exitCode = figures.duplicates + figures.lostWrites + figures.wrongReports === 0 ? 0 : 1

async function writerLoop(writer: Writer): Promise<void> {
  for (let i = 0; done < OPERATIONS; i++) {
    done++
    // Half the run loses answers by a reset, the other half by a 503.
    // UpdateStage is slowed, so that the two writers' changes to the shared variable overlap.
    if (done === 1 || done === Math.floor(OPERATIONS / 2)) sandbox.faults = parseFaults(`lost=${LOST_SHARE}:${done === 1 ? 'reset' : '503'},latency=UpdateStage:${UPDATE_LATENCY}`)
    const slot = i % 20
    const name = `soak-${writer}-${i}`
    try {
      if (slot < 6) await createKey(name, slot % 2 === 0)
      else if (slot < 9) await createPlan(name)
      else if (slot < 10) await deploy(writer)
      else if (slot < 15) await setVariable(writer, writer, `${writer}-${i}`)
      else await setVariable('shared', writer, `${writer}-${i}`)
      count('ok')
    } catch (error) {
      if (!(error instanceof ApigwError)) throw error
      count(error.code)
    }
  }
}

async function createKey(name: string, inPlan: boolean): Promise<void> {
  const request = await checkKeyCreateOptions({name, plans: inPlan ? [planForKeys] : [], enabled: true, value: {}, showValue: false, tags: []})
  const creation = await prepareKeyCreation(session(), request, {onGeneratedValue: () => {}})
  const {key} = await runPrepared(creation, QUIET)
  acknowledged.push({kind: 'key', id: key.id, mark: name})
}

async function createPlan(name: string): Promise<void> {
  const prepared = await prepareCreate(session(), {name, stages: []})
  const created = await runPrepared(prepared, QUIET)
  acknowledged.push({kind: 'plan', id: created.plan.id, mark: name})
}

async function deploy(writer: Writer): Promise<void> {
  const prepared = await prepareDeploy(session(), {api: api.id, stage: 'prod', createStage: false, actor: `soak-${writer}`})
  const result = await runPrepared(prepared, QUIET)
  acknowledged.push({kind: 'deployment', id: result.deploymentId, mark: result.description ?? ''})
}

async function setVariable(variable: string, writer: Writer, value: string): Promise<void> {
  let lastRead = {sent: 0, answered: 0}
  if (variable === writer) ownVariable[writer].tried.push(value)
  const update = await prepareStageSettings(session((sent, answered) => (lastRead = {sent, answered})), {api: api.id, stage: 'prod', request: parseSettingsRequest({variables: [`${variable}=${value}`]})})
  const wrote = performance.now()
  // As `stages set` does: the stage is read back, and a change that landed meanwhile is CHANGED_MEANWHILE.
  const changed = await runPrepared(update, QUIET)
  if (variable === writer) ownVariable[writer].acknowledged = value
  const change = changed.changes.find((entry) => entry.setting === 'variable' && entry.key === variable)
  const now = performance.now()
  if (change) reported.push({variable, value: String(change.after), ...(lastRead.sent > wrote ? {from: lastRead.sent, to: lastRead.answered} : {from: now, to: now})})
}

async function judge() {
  const details: string[] = []
  const gateway = await session().rest()
  const [keys, plans, deployments] = await Promise.all([gateway.listApiKeys({nameQuery: 'soak-'}), gateway.listUsagePlans(), gateway.listDeployments(api.id)])
  const held: Record<Acknowledged['kind'], Array<{id: string; mark: string}>> = {
    key: keys.map((key) => ({id: key.id ?? '', mark: key.name ?? ''})),
    plan: plans.map((plan) => ({id: plan.id ?? '', mark: plan.name ?? ''})),
    deployment: deployments.map((deployment) => ({id: deployment.id ?? '', mark: deployment.description ?? ''})),
  }

  let duplicates = 0
  for (const [kind, items] of Object.entries(held)) {
    const marks = new Map<string, number>()
    for (const item of items) marks.set(item.mark, (marks.get(item.mark) ?? 0) + 1)
    for (const [mark, n] of marks) {
      if (n > 1 && mark.startsWith(kind === 'deployment' ? '[apigw:' : 'soak-')) {
        duplicates += n - 1
        details.push(`duplicate ${kind}: ${n} × ${mark}`)
      }
    }
  }

  let lostWrites = 0
  for (const write of acknowledged) {
    if (!held[write.kind].some((item) => item.id === write.id && item.mark === write.mark)) {
      lostWrites++
      details.push(`lost: acknowledged ${write.kind} ${write.id} (${write.mark}) is not in AWS`)
    }
  }
  const stage = await sdk.send(new GetStageCommand({restApiId: api.id, stageName: 'prod'}))
  for (const writer of WRITERS) {
    const {tried, acknowledged: last} = ownVariable[writer]
    if (last === undefined) continue
    const allowed = tried.slice(tried.lastIndexOf(last))
    const holds = stage.variables?.[writer]
    if (!allowed.includes(holds ?? '')) {
      lostWrites++
      details.push(`lost: ${writer}'s variable holds ${holds}, not its last acknowledged ${last} or a later try`)
    }
  }

  let wrongReports = 0
  for (const report of reported) {
    const during = heldDuring(report.from, report.to)
    if (!during.some((variables) => variables[report.variable] === report.value)) {
      wrongReports++
      details.push(`wrong report: ${report.variable}=${report.value}, not held when its command read the stage back (or reported)`)
    }
  }
  return {duplicates, lostWrites, wrongReports, details}
}

/** The stage's variables as they stood at any moment between `from` and `to` (a read's round trip: AWS answered within it). */
function heldDuring(from: number, to: number): Array<Record<string, string>> {
  const before = stageHistory.filter((entry) => entry.at <= from).at(-1)
  return [...(before ? [before.variables] : []), ...stageHistory.filter((entry) => entry.at > from && entry.at <= to).map((entry) => entry.variables)]
}
