import {type ApiType, findStage, listStages, resolveApi, summarize} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import {stageDetails, type StageDetails} from './details.js'

/** The stable JSON shapes of `stages list` and `stages show` (docs/json.md). */
export interface StageList {
  api: {id: string; name: string; type: ApiType}
  stages: StageDetails[]
}

export interface StageShown {
  api: {id: string; name: string; type: ApiType}
  stage: StageDetails
}

export async function listStageDetails(session: AwsSession, reference: string): Promise<StageList> {
  const entry = await resolveApi(session, reference)
  const {id, name, type} = summarize(entry)
  return {api: {id, name, type}, stages: (await listStages(session, entry)).map(stageDetails)}
}

export async function showStage(session: AwsSession, reference: string, stage: string): Promise<StageShown> {
  const entry = await resolveApi(session, reference)
  const {id, name, type} = summarize(entry)
  return {api: {id, name, type}, stage: stageDetails(await findStage(session, entry, stage))}
}
