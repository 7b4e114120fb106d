import {isoDate} from '../catalog/index.js'
import type {AwsSession, Deployment as RestDeployment} from '../aws/index.js'
import {ApigwError, ExitCode, unlessNotFound} from '../errors.js'
import {patchOperationsArgument, shellCommand} from '../util/shell.js'
import type {Deployment, PendingId, ReleaseAdapter} from './adapter.js'

/** REST APIs: CreateDeployment with stageName repoints (or creates) the stage; UpdateStage patches /deploymentId. */
export function restReleases(session: AwsSession, api: PendingId): ReleaseAdapter {
  const gateway = () => session.rest()
  const restApiId = api.shown
  return {
    deployments: async () => (await (await gateway()).listDeployments(restApiId)).map(fromRest),
    deployment: async (id) => {
      const found = await (await gateway()).getDeployment(restApiId, id).catch(unlessNotFound)
      return found && fromRest(found)
    },
    deploy: (stageName, description, {newStage, firstStep}) => ({
      steps: [
        {
          service: 'apigateway',
          operation: 'CreateDeployment',
          input: {restApiId, stageName, description},
          summary: newStage ? `deploy to a new stage "${stageName}"` : `deploy to stage "${stageName}"`,
          run: async (results) => (await gateway()).createDeployment({restApiId: api.of(results), stageName, description}).catch(explainRefusal(api.of(results), gateway)),
        },
      ],
      deploymentId: (results) => (results[firstStep - 1] as RestDeployment).id ?? '',
    }),
    point: (stageName, deploymentId) => {
      const patchOperations = [{op: 'replace' as const, path: '/deploymentId', value: deploymentId}]
      return {
        service: 'apigateway',
        operation: 'UpdateStage',
        input: {restApiId, stageName, patchOperations},
        run: async () => (await gateway()).updateStage(restApiId, stageName, patchOperations),
      }
    },
    createStage: (stageName, deploymentId) => ({
      service: 'apigateway',
      operation: 'CreateStage',
      input: {restApiId, stageName, deploymentId},
      run: async () => (await gateway()).createStage({restApiId, stageName, deploymentId}),
    }),
    describe: (deploymentId, description) => {
      const patchOperations = [{op: 'replace' as const, path: '/description', value: description}]
      return {
        service: 'apigateway',
        operation: 'UpdateDeployment',
        input: {restApiId, deploymentId, patchOperations},
        run: async () => (await gateway()).updateDeployment(restApiId, deploymentId, patchOperations),
      }
    },
    // JSON patch operations: the AWS CLI's shorthand would split the description at its commas.
    describeCommand: (deploymentId, description) =>
      `${shellCommand('aws', 'apigateway', 'update-deployment', '--rest-api-id', restApiId, '--deployment-id', deploymentId)} ${patchOperationsArgument([{op: 'replace', path: '/description', value: description}])}`,
    serves: async (stageName, deploymentId) => (await (await gateway()).getStage(restApiId, stageName)).deploymentId === deploymentId,
  }
}

function fromRest(deployment: RestDeployment): Deployment {
  return {id: deployment.id ?? '', createdDate: isoDate(deployment.createdDate), description: deployment.description ?? null, autoDeployed: false}
}

/**
 * AWS refuses to deploy a REST API without methods, or one with a method that has no integration
 * (docs/aws-behaviour.md#every-method-needs-an-integration-to-be-deployed); say which and what to do.
 */
function explainRefusal(restApiId: string, gateway: () => ReturnType<AwsSession['rest']>) {
  return async (error: unknown): Promise<never> => {
    if (error instanceof ApigwError && /doesn't contain any methods/.test(error.message)) {
      throw new ApigwError(`${error.message}: there is nothing to deploy yet.`, {
        code: 'NOTHING_TO_DEPLOY',
        exitCode: ExitCode.conflict,
        suggestions: [`Try: apigw apis import <openapi-file> --api ${restApiId}, then deploy`],
        cause: error,
      })
    }
    if (error instanceof ApigwError && /No integration defined for method/.test(error.message)) {
      const missing = await methodsWithoutIntegration(gateway, restApiId).catch(() => [])
      const which = missing.length > 0 ? `${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no integration` : 'a method has no integration'
      throw new ApigwError(`${error.message}: ${which}, so AWS deployed nothing and no stage changed.`, {
        code: 'NO_INTEGRATION',
        exitCode: ExitCode.conflict,
        suggestions: [`Try: give every operation an x-amazon-apigateway-integration, apigw apis import <openapi-file> --api ${restApiId}, then deploy`],
        cause: error,
      })
    }
    throw error
  }
}

/** `GET /pets`-style names of the methods that lack an integration. */
async function methodsWithoutIntegration(gateway: () => ReturnType<AwsSession['rest']>, restApiId: string): Promise<string[]> {
  const resources = await (await gateway()).listResources(restApiId)
  return resources.flatMap((resource) =>
    Object.entries(resource.resourceMethods ?? {})
      .filter(([, method]) => !method.methodIntegration)
      .map(([httpMethod]) => `${httpMethod} ${resource.path ?? '/'}`),
  )
}
