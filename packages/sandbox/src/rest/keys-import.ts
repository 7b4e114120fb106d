import type {SandboxContext} from '../context.js'
import {AwsServiceError, badRequest, type SandboxRequest, type SandboxResponse} from '../http.js'
import {TABLES, type ApiKeyRecord, type UsagePlanRecord} from '../model.js'
import {apiKeyCsvRows, apiKeyNameRefusal, apiKeyValueRefusal} from '../facts.js'
import {addKeyToPlan, keyWithValue, planKey} from './keys-records.js'

interface ImportedKey {
  line: number
  value: string
  name?: string
  description?: string
  enabled: boolean
  plans: UsagePlanRecord[]
}

/**
 * ImportApiKeys (`POST /apikeys?mode=import&format=csv`): a CSV file whose header names its columns in
 * any order and any case; Name and Key are required, Description, Enabled (default true) and
 * UsagePlanIds optional, others ignored. A key whose value already exists is overwritten. A row that
 * cannot be imported becomes a warning; with `failonwarnings=true` any warning fails the whole import.
 */
export function importApiKeys(context: SandboxContext, request: SandboxRequest): SandboxResponse {
  const format = request.query.get('format')
  if (format !== 'csv') throw badRequest(`Invalid API Key import format specified: ${format ?? ''}. Must be one of: [csv]`)
  const [header, ...rows] = apiKeyCsvRows(request.body.toString('utf8').replace(/^\uFEFF/, ''))
  const columns = (header?.fields ?? []).map((column) => column.trim().toLowerCase())
  if (!columns.includes('name') || !columns.includes('key')) throw badRequest('Invalid API Key import file: the header must name the Name and Key columns')
  const cell = (row: {fields: string[]}, column: string) => {
    const index = columns.indexOf(column)
    return index === -1 ? '' : (row.fields[index] ?? '').trim()
  }

  const warnings: string[] = []
  const imported: ImportedKey[] = []
  for (const row of rows) {
    const problem = (message: string) => warnings.push(`Line ${row.line}: ${message}`)
    const value = cell(row, 'key')
    const name = cell(row, 'name') || undefined
    const enabled = cell(row, 'enabled').toLowerCase() || 'true'
    const planIds = cell(row, 'usageplanids').split(',').map((id) => id.trim()).filter(Boolean)
    const plans = planIds.map((id) => context.store.get<UsagePlanRecord>(TABLES.usagePlans, id))
    const refusal = apiKeyValueRefusal(value) ?? apiKeyNameRefusal(name)
    if (refusal) problem(refusal)
    else if (enabled !== 'true' && enabled !== 'false') problem(`Invalid Enabled value '${cell(row, 'enabled')}': must be true or false`)
    else if (plans.includes(undefined)) problem(`Invalid Usage Plan ID specified: ${planIds[plans.indexOf(undefined)]}`)
    else imported.push({line: row.line, value, name, description: cell(row, 'description') || undefined, enabled: enabled === 'true', plans: plans as UsagePlanRecord[]})
  }
  if (warnings.length > 0 && request.query.get('failonwarnings') === 'true') throw badRequest(`API Key import failed with warnings: ${warnings.join('; ')}`)

  const ids: string[] = []
  for (const row of imported) {
    const key = saveKey(context, row)
    if (!ids.includes(key.id)) ids.push(key.id)
    for (const plan of row.plans) {
      if (planKey(context.store, plan.id, key.id)) continue
      try {
        addKeyToPlan(context, plan, key)
      } catch (error) {
        if (!(error instanceof AwsServiceError)) throw error
        warnings.push(`Line ${row.line}: ${error.message}`)
      }
    }
  }
  return {status: 201, body: {ids, warnings: warnings.length > 0 ? warnings : undefined}}
}

/** Creates the key, or overwrites the one that has the same value. */
function saveKey(context: SandboxContext, row: ImportedKey): ApiKeyRecord {
  const now = context.clock.now()
  const existing = keyWithValue(context.store, row.value)
  const key: ApiKeyRecord = {
    ...(existing ?? {id: context.newId(10), value: row.value, createdDate: now, stageKeys: []}),
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    lastUpdatedDate: now,
  }
  return context.store.put(TABLES.apiKeys, key.id, key)
}
