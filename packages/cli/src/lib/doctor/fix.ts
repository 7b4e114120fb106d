import type {AwsSession} from '../aws/index.js'
import {API_TYPE_LABELS} from '../catalog/index.js'
import {exclusively, requireWritten, restArn, type ChangeStep, type PreparedChange} from '../change/index.js'
import {stageSettingsUpdate, type SettingsRequest, type StageSettingsChanged} from '../stages/index.js'
import {plural} from '../util/text.js'
import {accessLogGroup, createLogGroupStep, type AccessLogGroup} from './access-log-group.js'
import {runDoctor, type DoctorOptions, type Finding} from './audit.js'
import {CHECKS, type FixInput, type StageFix} from './checks.js'
import type {ApiFacts, StageFacts} from './inventory.js'

/** The stable JSON shape of `apigw doctor --fix` (docs/json.md). */
export interface DoctorFixResult {
  /** Per stage: the checks fixed and the settings changed (as stages set reports them), the tags added, the access-log group made (or found). */
  fixed: Array<{api: StageSettingsChanged['api']; stage: string; checks: string[]; changes: StageSettingsChanged['changes']; tags: Record<string, string>; logGroup: string | null}>
  /** What --fix does not do by itself (authorization, WAF, …): the steps, for a person to take. */
  manual: Finding[]
  /** Findings of the fixed checks that a fresh audit still reports. */
  remaining: Finding[]
}

/** One stage's part of the plan. */
interface StagePart {
  api: ApiFacts
  stage: StageFacts
  checks: string[]
  fix: Required<StageFix>
  /** The group made for this stage's access logs (no --access-log given). */
  logGroup?: AccessLogGroup
}

const ACCESS_LOGGING = 'access-logging-off'

/**
 * `doctor --fix`: every fixable finding as ONE change: per stage, one UpdateStage through the
 * stages' settings adapters (stages set's), and a TagResource for tags; without --access-log, a
 * CreateLogGroup before it for the stage's access logs (docs/doctor.md#the-access-log-group). Authorization, WAF,
 * secrets and the like are never changed: they come back as manual steps. Once it ran, each
 * stage is read back (CHANGED_MEANWHILE, exit 5, if another change landed), and the audit runs
 * again so the result says what is still wrong.
 */
export async function prepareDoctorFix(session: AwsSession, options: DoctorOptions & FixInput): Promise<PreparedChange<DoctorFixResult>> {
  const {report, inventory} = await runDoctor(session, {...options, failOn: 'low'})
  const given: FixInput = {accessLogArn: options.accessLogArn, tags: options.tags}
  const parts: StagePart[] = []
  const fixedKeys = new Set<string>()
  // The account names the made groups' ARNs: asked only when a group is to be made.
  const makesGroups = !given.accessLogArn && report.findings.some((finding) => finding.check === ACCESS_LOGGING && finding.fixable)
  const identity = makesGroups ? await (await session.sts()).callerIdentity() : undefined
  for (const api of inventory.apis) {
    for (const stage of api.stages) {
      const part: StagePart = {api, stage, checks: [], fix: {settings: {}, tags: {}}}
      for (const finding of report.findings.filter((found) => found.api?.id === api.api.id && found.stage === stage.name && found.fixable)) {
        const group = identity && finding.check === ACCESS_LOGGING ? accessLogGroup(session, identity, api, stage) : undefined
        const fix = CHECKS.find((check) => check.id === finding.check)?.fix?.({api, stage, inventory}, group ? {...given, accessLogArn: group.arn} : given)
        if (!fix) continue
        part.logGroup ??= group
        part.checks.push(finding.check)
        fixedKeys.add(findingKey(finding))
        Object.assign(part.fix.settings, fix.settings)
        Object.assign(part.fix.tags, fix.tags)
      }
      if (part.checks.length > 0) parts.push(part)
    }
  }
  const updates = parts.map((part) => ({part, update: stageSettingsUpdate(session, part.api.entry, part.stage.stage, settingsRequest(part.fix.settings))}))
  const steps = updates.flatMap(({part, update}) => [
    ...(part.logGroup ? [createLogGroupStep(session, part.logGroup, part.stage.name)] : []),
    ...update.change.steps,
    ...tagSteps(session, part),
  ])
  const manual = report.findings.filter((finding) => !fixedKeys.has(findingKey(finding)))
  const severity = updates.some(({update}) => update.change.severity !== 'safe') ? 'destructive' : 'safe'
  return {
    change: steps.length === 0 ? undefined : {summary: `fix ${plural(fixedKeys.size, 'finding')} on ${plural(parts.length, 'stage')}`, severity, steps},
    notes: [
      ...(steps.length === 0 ? ['Nothing that apigw doctor --fix changes by itself was found.'] : []),
      ...(manual.length > 0 ? [`${plural(manual.length, 'finding')} need a person (authorization, WAF, secrets …): their steps are in the result's "manual".`] : []),
    ],
    result: async (run) => {
      if (run.outcomes.length > 0) {
        for (const {part, update} of updates) {
          await update.verify()
          await verifyTags(session, part)
        }
      }
      const again = steps.length === 0 ? {findings: []} : (await runDoctor(session, {...options, failOn: 'low', checks: [...new Set(parts.flatMap((part) => part.checks))]})).report
      return {
        fixed: updates.map(({part, update}) => ({api: part.api.api, stage: part.stage.name, checks: part.checks, changes: update.changed.changes, tags: part.fix.tags, logGroup: part.logGroup?.name ?? null})),
        manual,
        remaining: again.findings.filter((finding) => fixedKeys.has(findingKey(finding))),
      }
    },
  }
}

const findingKey = (finding: Finding) => `${finding.check}\u0000${finding.api?.id}\u0000${finding.stage}\u0000${finding.resource}`

function settingsRequest(partial: Partial<SettingsRequest>): SettingsRequest {
  return {variables: {}, unsetVariables: [], routeThrottles: {}, ...partial}
}

const isRest = (part: StagePart) => part.api.api.type === 'rest'
/** REST stages are tagged through apigateway, HTTP and WebSocket ones through apigatewayv2 (docs/aws-behaviour.md#version-2-tags). */
const stageArn = (session: AwsSession, part: StagePart) =>
  restArn(session, `/${isRest(part) ? 'restapis' : 'apis'}/${part.api.api.id}/stages/${part.stage.name}`)
const stageSubject = (part: StagePart) => `Stage "${part.stage.name}" of ${API_TYPE_LABELS[part.api.api.type]} API ${part.api.api.id}`
const stageLook = (part: StagePart) => `apigw stages show --api ${part.api.api.id} --stage ${part.stage.name}`

const tagsGateway = async (session: AwsSession, part: StagePart) => (isRest(part) ? session.rest() : session.v2())

function tagSteps(session: AwsSession, part: StagePart): ChangeStep[] {
  if (Object.keys(part.fix.tags).length === 0) return []
  const resourceArn = stageArn(session, part)
  return [
    {
      service: isRest(part) ? 'apigateway' : 'apigatewayv2',
      operation: 'TagResource',
      // The call's input as each SDK names it (apigatewayv2's members are capitalised).
      input: isRest(part) ? {resourceArn, tags: part.fix.tags} : {ResourceArn: resourceArn, Tags: part.fix.tags},
      summary: `tag stage "${part.stage.name}" of ${part.api.api.name}: ${Object.keys(part.fix.tags).join(', ')}`,
      run: () =>
        exclusively(session, resourceArn, {subject: stageSubject(part), look: stageLook(part)}, async () => {
          await (await tagsGateway(session, part)).tagResource(resourceArn, part.fix.tags)
        }),
    },
  ]
}

async function verifyTags(session: AwsSession, part: StagePart): Promise<void> {
  if (Object.keys(part.fix.tags).length === 0) return
  const holds = await (await tagsGateway(session, part)).getTags(stageArn(session, part))
  requireWritten(
    Object.entries(part.fix.tags).map(([key, value]) => ({what: `tag ${key}`, wrote: value, holds: holds[key] ?? null})),
    {subject: stageSubject(part), look: stageLook(part)},
  )
}
