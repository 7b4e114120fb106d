import {ACMClient} from '@aws-sdk/client-acm'
import {APIGatewayClient} from '@aws-sdk/client-api-gateway'
import {ApiGatewayV2Client} from '@aws-sdk/client-apigatewayv2'
import {CloudWatchClient} from '@aws-sdk/client-cloudwatch'
import {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs'
import {startSandbox, TOKEN_HEADER, type Sandbox, type SandboxOptions} from '../../packages/sandbox/src/index.js'

export type {Sandbox, SandboxOptions}

/** A sandbox in this process on a free loopback port, with short cache transitions; stop it in afterAll. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({transitionDelayMs: 50, ...options})
}

/** Calls a sandbox's own /_sandbox/<path> endpoint with its token (from the Sandbox, or a runtime file). */
export function controlFetch(target: {endpoint: string; token: string}, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${target.endpoint}/_sandbox/${path}`, {...init, headers: {...(init.headers as Record<string, string>), [TOKEN_HEADER]: target.token}})
}

const clientConfig = (endpoint: string, region: string) => ({
  endpoint,
  region,
  credentials: {accessKeyId: 'AKIDTEST', secretAccessKey: 'secret'},
  maxAttempts: 1,
})

/** The real SDK clients, pointed at a sandbox (or moto), signing for `region`. */
export const sdkClients = (endpoint: string, region = 'us-east-1') => ({
  rest: new APIGatewayClient(clientConfig(endpoint, region)),
  v2: new ApiGatewayV2Client(clientConfig(endpoint, region)),
  cloudWatch: new CloudWatchClient(clientConfig(endpoint, region)),
  logs: new CloudWatchLogsClient(clientConfig(endpoint, region)),
  acm: new ACMClient(clientConfig(endpoint, region)),
})
