import {CreateApiKeyCommand, GetApiKeyCommand, GetTagsCommand, TagResourceCommand} from '@aws-sdk/client-api-gateway'
import {statusOf, type Scenario} from './probe.js'

// moto's TagResource/GetTags take any ARN for a stage's (and fail on a URL-encoded stage ARN), so only
// tags given at creation compare; key tagging is held to AWS's recorded answer.

const keyArn = (id: string) => `arn:aws:apigateway:us-east-1::/apikeys/${id}`

export const tagScenarios: Scenario[] = [
  {
    name: 'CreateApiKey keeps its tags; GetApiKey shows them',
    async run(probe) {
      const {id} = await probe.rest.send(new CreateApiKeyCommand({name: 'tagged', tags: {team: 'payments'}}))
      return probe.observe((await probe.rest.send(new GetApiKeyCommand({apiKey: id!}))).tags)
    },
  },
  {
    name: 'TagResource on an API key answers 204; GetTags by the key ARN shows the tags',
    motoDiffers: 'moto tags stages only: it reads any tag ARN as a stage\'s',
    // GetTags by an apikeys ARN was recorded against AWS in localstack/localstack#7094; 204 is the service model's.
    aws: {status: 204, tags: {Foo: 'Bar', team: 'payments'}},
    async run(probe) {
      const {id} = await probe.rest.send(new CreateApiKeyCommand({name: 'tagged', tags: {Foo: 'Bar'}}))
      const tagThenGet = async () => {
        const tagged = await probe.rest.send(new TagResourceCommand({resourceArn: keyArn(id!), tags: {team: 'payments'}}))
        return {status: statusOf(tagged), tags: (await probe.rest.send(new GetTagsCommand({resourceArn: keyArn(id!)}))).tags}
      }
      return tagThenGet().catch((error: Error) => ({error: error.name}))
    },
  },
]
