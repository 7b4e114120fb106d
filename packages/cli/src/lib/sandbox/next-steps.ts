import {resolve} from 'node:path'
import type {Env} from '../aws/index.js'
import {shellQuote} from '../util/shell.js'
import {defaultStateDir, type RuntimeInfo} from './runtime.js'

export interface NextSteps {
  /** The variables later commands need: apigw's, and AWS_ENDPOINT_URL for the AWS CLI and SDKs. */
  env: Record<string, string>
  /** Those variables as an export line to paste, and the command to try. */
  text: string
}

/**
 * What the next commands need to reach a sandbox just started: APIGW_SANDBOX=1, the state
 * directory when it is not the default one (so apigw's `--sandbox` and `sandbox …` commands find
 * it and its control token), and the endpoint for anything else.
 */
export function nextSteps(info: RuntimeInfo, env: Env, where: 'this shell' | 'another shell'): NextSteps {
  const vars: Record<string, string> = {APIGW_SANDBOX: '1'}
  if (resolve(defaultStateDir(env)) !== info.stateDir) vars.APIGW_SANDBOX_DIR = info.stateDir
  vars.AWS_ENDPOINT_URL = info.endpoint
  const exports = Object.entries(vars).map(([name, value]) => `${name}=${shellQuote(value)}`)
  return {
    env: vars,
    text: [`Next, in ${where}:`, `  export ${exports.join(' ')}`, '  apigw apis list', 'The AWS CLI and SDKs reach it through AWS_ENDPOINT_URL, with any credentials.'].join('\n'),
  }
}
