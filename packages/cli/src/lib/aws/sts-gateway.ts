import {makeBuilder} from '@smithy/core/client'
import {getEndpointPlugin} from '@smithy/core/endpoints'
import type {MetadataBearer, StaticOperationSchema} from '@smithy/types'
import {createSdkClient} from './sdk-client.js'
import type {AwsSession} from './session.js'

/** The account and identity behind a session's credentials. */
export interface CallerIdentity {
  account: string
  arn: string
}

const NAMESPACE = 'com.amazonaws.sts'
// GetCallerIdentity as the STS service model describes it (no input; UserId, Account, Arn out): the
// STS client the SDK ships inside its credential providers has AssumeRole only.
const GET_CALLER_IDENTITY: StaticOperationSchema = [
  9,
  NAMESPACE,
  'GetCallerIdentity',
  0,
  () => [3, NAMESPACE, 'GetCallerIdentityRequest', 0, [], []],
  () => [3, NAMESPACE, 'GetCallerIdentityResponse', 0, ['UserId', 'Account', 'Arn'], [0, 0, 0]],
]
const ENDPOINT_PARAMETERS = {
  UseGlobalEndpoint: {type: 'builtInParams', name: 'useGlobalEndpoint'},
  UseFIPS: {type: 'builtInParams', name: 'useFipsEndpoint'},
  Endpoint: {type: 'builtInParams', name: 'endpoint'},
  Region: {type: 'builtInParams', name: 'region'},
  UseDualStack: {type: 'builtInParams', name: 'useDualstackEndpoint'},
} as const
type Output = MetadataBearer & {Account?: string; Arn?: string}

/** STS: who the session's credentials belong to (for the account column of fleet views). */
export function createStsGateway(session: AwsSession) {
  const command = makeBuilder(ENDPOINT_PARAMETERS, 'AWSSecurityTokenServiceV20110615', 'STSClient', getEndpointPlugin)
  const GetCallerIdentityCommand = command<object, Output>({}, () => [], 'GetCallerIdentity', GET_CALLER_IDENTITY)
  const client = (async () => {
    const {STSClient} = await import('@aws-sdk/nested-clients/sts')
    return createSdkClient(session, 'sts', (config) => new STSClient(config))
  })()
  return {
    callerIdentity: async (): Promise<CallerIdentity> => {
      const sts = await client
      const answer = await session.call('sts', 'GetCallerIdentity', () => sts.send(new GetCallerIdentityCommand({}) as never) as Promise<Output>)
      return {account: answer.Account ?? '', arn: answer.Arn ?? ''}
    },
  }
}

export type StsGateway = ReturnType<typeof createStsGateway>
