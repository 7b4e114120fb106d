import {AwsSession} from '../../packages/cli/src/lib/aws/session.js'

/** A session against a sandbox that counts the CloudWatch calls it makes, by operation name, in order. */
export function countingSession(endpoint: string) {
  const calls: string[] = []
  const session = new AwsSession({
    region: 'us-east-1',
    endpointUrl: endpoint,
    env: {},
    staticCredentials: {accessKeyId: 'a', secretAccessKey: 'b'},
    sandbox: true,
    retryBudgetMs: 1000,
    onDebug: (line) => {
      const call = /^cloudwatch (\w+) ok/.exec(line)
      if (call) calls.push(call[1])
    },
  })
  return {session, calls}
}
