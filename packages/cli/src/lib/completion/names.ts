import {API_TYPES, fetchApis, summarize} from '../catalog/index.js'
import {resolveApi} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import {listStages} from '../catalog/index.js'
import {byCodePoint} from '../util/text.js'
import type {NameKind} from './position.js'

/** The names of one kind, sorted, each once: stages are those of `api` (none without one). */
export async function listNames(session: AwsSession, kind: NameKind, api?: string): Promise<string[]> {
  const names = await namesOf(session, kind, api)
  return [...new Set(names.filter((name): name is string => Boolean(name)))].sort(byCodePoint)
}

async function namesOf(session: AwsSession, kind: NameKind, api: string | undefined): Promise<(string | undefined)[]> {
  switch (kind) {
    case 'apis':
      return (await fetchApis(session, API_TYPES)).map((entry) => summarize(entry).name)
    case 'stages':
      return api === undefined ? [] : (await listStages(session, await resolveApi(session, api))).map((stage) => stage.summary.name)
    case 'keys':
      return (await (await session.rest()).listApiKeys()).map((key) => key.name)
    case 'plans':
      return (await (await session.rest()).listUsagePlans()).map((plan) => plan.name)
  }
}
