import {transientKind} from './errors.js'

/**
 * API Gateway's creates take no idempotency token (docs/failure-model.md;
 * docs/aws-behaviour.md#creates-take-no-idempotency-token): a create whose answer is lost after AWS committed it is made twice by a blind
 * retry. So apigw never retries one blindly. After an ambiguous failure it first looks for what its
 * own attempt would have made (by a request token in the resource's tags, or by what else marks
 * it), takes that as the answer when it is there, and tries again only when it is not.
 */
export const CREATE_OPERATIONS: ReadonlySet<string> = new Set([
  'CreateRestApi',
  'ImportRestApi',
  'CreateApi',
  'ImportApi',
  'CreateApiKey',
  'ImportApiKeys',
  'CreateUsagePlan',
  'CreateUsagePlanKey',
  'CreateDeployment',
  'CreateStage',
  'CreateDomainName',
  'CreateBasePathMapping',
  'CreateApiMapping',
])

/** The tag that marks a resource with the request that created it: `apigw:request = <token>`. */
export const REQUEST_TAG = 'apigw:request'

/** How a create's gateway method finds the resource an earlier attempt of the same call made. */
export type FindLost<T> = () => Promise<T | undefined>

/**
 * A failure after which a write may or may not have taken effect: the connection dropped, the
 * answer timed out, or a 5xx (from AWS or a proxy on the way). A throttle or a concurrent-
 * modification conflict is an answer that nothing was done.
 */
export function isAmbiguous(error: unknown): boolean {
  const kind = transientKind(error)
  return kind === 'network' || kind === 'unavailable'
}

/** A conflict that says the thing exists (a stage's name, a key already in a plan), not a concurrent modification. */
export function alreadyExists(error: unknown): boolean {
  return (error as {name?: string}).name === 'ConflictException' && transientKind(error) === undefined
}

/** A create failed ambiguously and there is no way to look for its resource: it must not be retried. */
export class OutcomeUnknown extends Error {
  constructor(readonly lastError: unknown) {
    super('the outcome of a create is unknown')
  }
}

/** Tags with the request tag added: what a create sends so that its resource can be found again. */
export const withRequestTag = (tags: Record<string, string> | undefined, token: string) => ({...tags, [REQUEST_TAG]: token})

/** The one item an attempt with this token made, if any. */
export function byRequestTag<T>(items: T[], tagsOf: (item: T) => Record<string, string> | undefined, token: string): T | undefined {
  return items.find((item) => tagsOf(item)?.[REQUEST_TAG] === token)
}

/** The APIs that had a name before an import that gives an API that name (ImportRestApi and ImportApi take no tags). */
export interface ApisBefore {
  name: string
  ids: string[]
}

/** The API an import made: the newest of `before.name` that was not there before. */
export function newApi<T>(apis: T[], before: ApisBefore, fields: (api: T) => {id?: string; name?: string; created?: Date}): T | undefined {
  const made = apis.filter((api) => fields(api).name === before.name && !before.ids.includes(fields(api).id ?? ''))
  return made.sort((a, b) => (fields(b).created?.getTime() ?? 0) - (fields(a).created?.getTime() ?? 0))[0]
}

/** How far AWS's clock may be from this machine's, when a creation date is compared with when apigw sent the create. */
const CLOCK_SKEW_MS = 5 * 60_000

/** Whether AWS created something at or after `since` (this machine's clock, epoch ms). */
const madeSince = (created: Date | undefined, since: number) => created !== undefined && created.getTime() >= since - CLOCK_SKEW_MS

/** What a deployment shows of itself, as either API Gateway names it. */
interface DeploymentFields {
  description?: string
  created?: Date
}

/**
 * How to find a deployment whose answer was lost (deployments take no tags), made no earlier than
 * the first attempt: the one with its description, which apigw's release record (who, when to the
 * millisecond) makes unique; without one, the deployment the stage (or its canary) runs now, if
 * the create named a stage — which another operator's deploy meanwhile can hide. Without either,
 * nothing tells it from others, and the create is not retried.
 */
export function deploymentFinder<D>(
  wanted: {description?: string; since: number; runningOnStage?: () => Promise<string | undefined>},
  read: {get(id: string): Promise<D | undefined>; all(): Promise<D[]>; fields(deployment: D): DeploymentFields},
): ((token: string) => Promise<D | undefined>) | undefined {
  const made = (deployment: D | undefined) => {
    const {description, created} = deployment === undefined ? {} : read.fields(deployment)
    return deployment !== undefined && description === wanted.description && madeSince(created, wanted.since) ? deployment : undefined
  }
  if (wanted.description) return async () => (await read.all()).find(made)
  const {runningOnStage} = wanted
  if (!runningOnStage) return undefined
  return async () => {
    const id = await runningOnStage()
    return id === undefined ? undefined : made(await read.get(id))
  }
}
