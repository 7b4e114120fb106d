// The baseline a script author would write: one GetRestApis call with the AWS SDK, JSON to stdout.
import {APIGatewayClient, GetRestApisCommand} from '@aws-sdk/client-api-gateway'

const client = new APIGatewayClient({endpoint: process.env.AWS_ENDPOINT_URL})
const result = await client.send(new GetRestApisCommand({limit: 500}))
process.stdout.write(`${JSON.stringify(result.items)}\n`)
