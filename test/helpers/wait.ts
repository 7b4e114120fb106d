import {GetStageCommand, type APIGatewayClient} from '@aws-sdk/client-api-gateway'
import {setTimeout as sleep} from 'node:timers/promises'

/**
 * Waits until `check` holds, reading it again every few milliseconds: for a state a test can read,
 * instead of sleeping for a time guessed to be long enough (too short on a busy machine). Bounded
 * only by the test's timeout.
 */
export async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await sleep(10)
}

/** Until the cache clusters of these REST API stages are AVAILABLE (the sandbox's transition delay is over). */
export function cachesAvailable(rest: APIGatewayClient, restApiId: string, stageNames = ['prod']): Promise<void> {
  const status = async (stageName: string) => (await rest.send(new GetStageCommand({restApiId, stageName}))).cacheClusterStatus
  return until(async () => (await Promise.all(stageNames.map(status))).every((value) => value === 'AVAILABLE'))
}
