import {CreateApiCommand, GetApiCommand, GetTagsCommand, TagResourceCommand, UntagResourceCommand} from '@aws-sdk/client-apigatewayv2'
import type {Scenario} from './probe.js'

// HTTP APIs' tags by ARN (docs/aws-behaviour.md#version-2-tags). moto answers TagResource and
// UntagResource with 200 where the service model says 201 and 204, so only the tags compare here;
// test/sandbox/v2-tags.test.ts holds the statuses to the model.

const apiArn = (apiId: string) => `arn:aws:apigateway:us-east-1::/apis/${apiId}`

export const v2TagScenarios: Scenario[] = [
  {
    name: 'v2 TagResource on an API adds and overwrites; GetTags and GetApi show tags given at creation and after; UntagResource removes',
    async run(probe) {
      const {ApiId} = await probe.v2.send(new CreateApiCommand({Name: 'tagged', ProtocolType: 'HTTP', Tags: {team: 'payments'}}))
      await probe.v2.send(new TagResourceCommand({ResourceArn: apiArn(ApiId!), Tags: {env: 'prod', team: 'billing'}}))
      const afterTag = (await probe.v2.send(new GetTagsCommand({ResourceArn: apiArn(ApiId!)}))).Tags
      await probe.v2.send(new UntagResourceCommand({ResourceArn: apiArn(ApiId!), TagKeys: ['env']}))
      const afterUntag = (await probe.v2.send(new GetApiCommand({ApiId}))).Tags
      return probe.observe({afterTag, afterUntag})
    },
  },
]
