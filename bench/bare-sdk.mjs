// The baseline a script author would write with the AWS SDK, JSON to stdout: GetRestApis, or with
// `both` GetRestApis and GetApis together, the two calls `apigw apis list` makes.
import {APIGatewayClient, GetRestApisCommand} from '@aws-sdk/client-api-gateway'

const endpoint = process.env.AWS_ENDPOINT_URL
const restApis = () => new APIGatewayClient({endpoint}).send(new GetRestApisCommand({limit: 500}))
if (process.argv[2] === 'both') {
  const {ApiGatewayV2Client, GetApisCommand} = await import('@aws-sdk/client-apigatewayv2')
  const [rest, v2] = await Promise.all([restApis(), new ApiGatewayV2Client({endpoint}).send(new GetApisCommand({MaxResults: '500'}))])
  process.stdout.write(`${JSON.stringify({rest: rest.items, v2: v2.Items})}\n`)
} else {
  process.stdout.write(`${JSON.stringify((await restApis()).items)}\n`)
}
