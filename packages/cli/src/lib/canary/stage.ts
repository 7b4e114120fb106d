import {apiLabel, type ApiType, findStage, resolveApi, summarize} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import {usageError} from '../errors.js'
import type {CanaryState} from './actuator.js'
import type {CanaryStage} from './changes.js'
import {canaryStateOf} from './state.js'

/** A REST stage opened for a canary command, with its release state as read just now. */
export interface OpenedCanaryStage {
  api: {id: string; name: string; type: ApiType}
  /** 'REST API "shop" (a1b2c3d4e5)' */
  label: string
  stage: CanaryStage
  /** The stage's own variables, which a promotion merges the canary's overrides into. */
  variables: Record<string, string>
  state: CanaryState
}

/**
 * The stage an operator names with --api and --stage, REST only: HTTP and WebSocket APIs have no
 * canary (docs/aws-behaviour.md#http-and-websocket-apis-have-no-canary), which is said plainly (exit 2, UNSUPPORTED_API_TYPE). An unknown stage is
 * STAGE_NOT_FOUND (exit 4), naming the API's stages.
 */
export async function openCanaryStage(session: AwsSession, options: {api: string; stage: string}): Promise<OpenedCanaryStage> {
  const entry = await resolveApi(session, options.api)
  const {id, name, type} = summarize(entry)
  const label = apiLabel({id, name, type})
  if (entry.type !== 'rest') {
    throw usageError(
      `${label} cannot have a canary: canary releases exist only on REST API stages (API Gateway's HTTP and WebSocket APIs have no canary settings).`,
      [`Try: release it with apigw deploy --api ${id} --stage <stage>, or apigw stages promote --api ${id} --from <stage> --to <stage>`],
      'UNSUPPORTED_API_TYPE',
    )
  }
  const found = await findStage(session, entry, options.stage)
  if (found.kind !== 'rest') throw new Error('a REST API listed a v2 stage')
  const stageName = found.summary.name
  return {
    api: {id, name, type},
    label,
    stage: {session, apiId: id, stageName, where: `stage "${stageName}" of ${label}`},
    variables: {...found.raw.variables},
    state: canaryStateOf(found.raw),
  }
}
