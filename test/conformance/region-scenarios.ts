import {CreateApiKeyCommand, CreateRestApiCommand, GetApiKeyCommand, GetApiKeysCommand, GetRestApiCommand, GetRestApisCommand} from '@aws-sdk/client-api-gateway'
import {ListMetricsCommand, PutMetricDataCommand} from '@aws-sdk/client-cloudwatch'
import type {Clients, Probe, Scenario} from './probe.js'

const EU = 'eu-west-1'

/** What one region lists: its REST APIs, API keys and metrics of the scenario's namespace, by name. */
async function listed(clients: Clients) {
  return {
    apis: ((await clients.rest.send(new GetRestApisCommand({}))).items ?? []).map((api) => api.name),
    keys: ((await clients.rest.send(new GetApiKeysCommand({}))).items ?? []).map((key) => key.name),
    metrics: ((await clients.cloudWatch.send(new ListMetricsCommand({Namespace: 'Conformance'}))).Metrics ?? []).map((metric) => metric.MetricName),
  }
}

async function makeIn(probe: Probe, clients: Clients, name: string) {
  const api = await clients.rest.send(new CreateRestApiCommand({name}))
  const key = await clients.rest.send(new CreateApiKeyCommand({name: `${name}-key`}))
  await clients.cloudWatch.send(new PutMetricDataCommand({Namespace: 'Conformance', MetricData: [{MetricName: `${name}-metric`, Value: 1}]}))
  return {apiId: probe.label(api.id!, `${name}-api`), keyId: probe.label(key.id!, `${name}-key`)}
}

// docs/aws-behaviour.md#regions-are-independent. moto words its missing-API message differently
// ("Invalid Rest API Id specified"), so that failure is compared without its message.
export const regionScenarios: Scenario[] = [
  {
    name: 'Regions are independent: what is made in eu-west-1 is neither listed nor found in us-east-1, and the other way round',
    aws: {
      home: {apis: ['near'], keys: ['near-key'], metrics: ['near-metric']},
      eu: {apis: ['far'], keys: ['far-key'], metrics: ['far-metric']},
      farApiFromHome: {error: 'NotFoundException', status: 404},
      farKeyFromHome: {error: 'NotFoundException', status: 404, message: 'Invalid API Key identifier specified'},
      nearApiFromEu: {error: 'NotFoundException', status: 404},
    },
    async run(probe) {
      const eu = probe.inRegion(EU)
      const near = await makeIn(probe, probe.clients, 'near')
      const far = await makeIn(probe, eu, 'far')
      return {
        home: await listed(probe.clients),
        eu: await listed(eu),
        farApiFromHome: await probe.failure(probe.rest.send(new GetRestApiCommand({restApiId: far.apiId})), {message: false}),
        farKeyFromHome: await probe.failure(probe.rest.send(new GetApiKeyCommand({apiKey: far.keyId}))),
        nearApiFromEu: await probe.failure(eu.rest.send(new GetRestApiCommand({restApiId: near.apiId})), {message: false}),
      }
    },
  },
]
