import {apiStageText, type DeletedUsagePlan, type UsagePlanApiStage, type UsagePlanMembershipChange, type UsagePlanListEntry, type UsagePlanShown, type UsagePlanSummary} from '../../lib/usage-plans/index.js'
import type {Palette} from './palette.js'
import {renderKeyValues, renderTable, type Cell} from './table.js'

const PERIOD_WORDS = {DAY: 'a day', WEEK: 'a week', MONTH: 'a month'} as const

export const throttleText = (throttle: UsagePlanSummary['throttle']): Cell =>
  throttle ? `${throttle.rateLimit ?? '-'} req/s, burst ${throttle.burstLimit ?? '-'}` : null
export const quotaText = (quota: Pick<NonNullable<UsagePlanSummary['quota']>, 'limit' | 'period'> | null): Cell =>
  quota ? `${quota.limit} ${PERIOD_WORDS[quota.period]}` : null
const stagesText = (apiStages: UsagePlanApiStage[]): Cell => apiStages.map(apiStageText).join(', ') || null
const enabledText = (enabled: boolean | null): Cell => (enabled === null ? null : enabled ? 'yes' : 'no')

export function plansListView(data: {plans: UsagePlanListEntry[]}, colors: Palette): string {
  if (data.plans.length === 0) return 'No usage plans. Create one with: apigw plans create --name <name> --stage <api>:<stage>'
  return renderTable(
    ['ID', 'NAME', 'API STAGES', 'THROTTLE', 'QUOTA', 'KEYS'],
    data.plans.map((plan) => [plan.id, plan.name, stagesText(plan.apiStages), throttleText(plan.throttle), quotaText(plan.quota), plan.keyCount]),
    colors,
  )
}

export function planShowView(data: UsagePlanShown, colors: Palette): string {
  const {plan, keys} = data
  const heading = (text: string) => colors.bold.underline(text)
  const offset = plan.quota && plan.quota.offset !== 0 ? ` (offset ${plan.quota.offset})` : ''
  return [
    renderKeyValues(
      [
        ['id', plan.id],
        ['name', plan.name],
        ['description', plan.description],
        ['throttle', throttleText(plan.throttle)],
        ['quota', plan.quota ? `${quotaText(plan.quota)}${offset}` : null],
      ],
      colors,
    ),
    heading('API stages'),
    plan.apiStages.length === 0
      ? 'No API stages: its keys reach nothing through it yet.'
      : renderTable(['API', 'NAME', 'STAGE'], plan.apiStages.map((apiStage) => [apiStage.apiId, apiStage.apiName ?? '(deleted)', apiStage.stage]), colors),
    heading('Keys'),
    keys.length === 0 ? 'No keys.' : renderTable(['ID', 'NAME', 'ENABLED'], keys.map((key) => [key.id, key.name, enabledText(key.enabled)]), colors),
  ].join('\n\n')
}

export function planDeletedView(data: DeletedUsagePlan, colors: Palette): string {
  return renderKeyValues(
    [
      ['deleted', `usage plan ${data.plan.name} (${data.plan.id})`],
      ['api stages', stagesText(data.apiStages)],
      ['keys cut off', data.keys.map((key) => (key.name ? `${key.name} (${key.id})` : key.id)).join(', ') || null],
    ],
    colors,
  )
}

export function planMembershipView(data: UsagePlanMembershipChange, colors: Palette): string {
  return renderKeyValues(
    [
      ['usage plan', `${data.plan.name} (${data.plan.id})`],
      ['key', data.key.name ? `${data.key.name} (${data.key.id})` : data.key.id],
      ['enabled', enabledText(data.key.enabled)],
      ['api stages', stagesText(data.apiStages)],
    ],
    colors,
  )
}
