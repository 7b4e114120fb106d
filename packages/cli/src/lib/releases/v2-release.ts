import {isoDate} from '../catalog/index.js'
import type {AwsSession} from '../aws/index.js'
import type {V2Deployment} from '../aws/index.js'
import {ApigwError, ExitCode, unlessNotFound} from '../errors.js'
import {fromStep, type ChangeStep, type StepResults} from '../change/index.js'
import {shellCommand} from '../util/shell.js'
import type {Deployment, PendingId, ReleaseAdapter} from './adapter.js'

/**
 * HTTP and WebSocket APIs: CreateDeployment with StageName repoints an existing stage only, so a
 * new stage is created on a fresh deployment; UpdateStage takes DeploymentId as a plain field.
 */
export function v2Releases(session: AwsSession, api: PendingId): ReleaseAdapter {
  const gateway = () => session.v2()
  const ApiId = api.shown
  return {
    deployments: async () => (await (await gateway()).listDeployments(ApiId)).map(fromV2),
    deployment: async (id) => {
      const found = await (await gateway()).getDeployment(ApiId, id).catch(unlessNotFound)
      return found && fromV2(found)
    },
    deploy: (StageName, Description, {newStage, firstStep}) => {
      const deployed = (results: StepResults) => (results[firstStep - 1] as V2Deployment).DeploymentId ?? ''
      const steps: ChangeStep[] = newStage
        ? [
            {
              service: 'apigatewayv2',
              operation: 'CreateDeployment',
              input: {ApiId, Description},
              summary: 'make a deployment',
              run: async (results) => (await gateway()).createDeployment({ApiId: api.of(results), Description}),
            },
            {
              service: 'apigatewayv2',
              operation: 'CreateStage',
              input: {ApiId, StageName, DeploymentId: fromStep(firstStep, 'deployment id')},
              summary: `create stage "${StageName}" on that deployment`,
              run: async (results) => (await gateway()).createStage({ApiId: api.of(results), StageName, DeploymentId: deployed(results)}),
            },
          ]
        : [
            {
              service: 'apigatewayv2',
              operation: 'CreateDeployment',
              input: {ApiId, StageName, Description},
              summary: `deploy to stage "${StageName}"`,
              run: async (results) => (await gateway()).createDeployment({ApiId: api.of(results), StageName, Description}),
            },
          ]
      return {steps, deploymentId: deployed}
    },
    point: (StageName, DeploymentId) => ({
      service: 'apigatewayv2',
      operation: 'UpdateStage',
      input: {ApiId, StageName, DeploymentId},
      run: async () => (await gateway()).updateStage({ApiId, StageName, DeploymentId}),
    }),
    createStage: (StageName, DeploymentId) => ({
      service: 'apigatewayv2',
      operation: 'CreateStage',
      input: {ApiId, StageName, DeploymentId},
      run: async () => (await gateway()).createStage({ApiId, StageName, DeploymentId}),
    }),
    describe: (DeploymentId, Description) => ({
      service: 'apigatewayv2',
      operation: 'UpdateDeployment',
      input: {ApiId, DeploymentId, Description},
      run: async () => (await gateway()).updateDeployment({ApiId, DeploymentId, Description}),
    }),
    // The whole input as JSON: the AWS CLI reads a --description starting with file:// or http:// as a file or a URL.
    describeCommand: (DeploymentId, Description) =>
      shellCommand('aws', 'apigatewayv2', 'update-deployment', '--cli-input-json', JSON.stringify({ApiId, DeploymentId, Description})),
    serves: async (StageName, DeploymentId) => {
      const v2 = await gateway()
      const deployment = await v2.getDeployment(ApiId, DeploymentId)
      if (deployment.DeploymentStatus === 'FAILED') {
        throw new ApigwError(`Deployment ${DeploymentId} failed: ${deployment.DeploymentStatusMessage ?? 'AWS gave no reason'}`, {
          code: 'DEPLOYMENT_FAILED',
          exitCode: ExitCode.aws,
          suggestions: ['Try: fix what AWS names, then deploy again'],
        })
      }
      return deployment.DeploymentStatus === 'DEPLOYED' && (await v2.getStage(ApiId, StageName)).DeploymentId === DeploymentId
    },
  }
}

function fromV2(deployment: V2Deployment): Deployment {
  return {
    id: deployment.DeploymentId ?? '',
    createdDate: isoDate(deployment.CreatedDate),
    description: deployment.Description ?? null,
    autoDeployed: deployment.AutoDeployed ?? false,
  }
}
