// One load-generating thread of bench/sandbox.mjs: `clients` concurrent JS SDK GetStage loops for a
// fixed window; posts back how many calls completed. Several threads keep the SDK's own CPU cost
// (signing, middleware) from being what is measured.
import {parentPort, workerData} from 'node:worker_threads'

const {APIGatewayClient, GetStageCommand} = await import('@aws-sdk/client-api-gateway')
const {endpoint, apiId, clients, windowMs} = workerData
const client = new APIGatewayClient({endpoint, region: 'us-east-1', credentials: {accessKeyId: 'A', secretAccessKey: 'B'}})

/** Calls completed by `clients` concurrent loops within `ms`. */
async function run(ms) {
  let done = 0
  const stopAt = performance.now() + ms
  await Promise.all(Array.from({length: clients}, async () => {
    while (performance.now() < stopAt) {
      await client.send(new GetStageCommand({restApiId: apiId, stageName: 'prod'}))
      done++
    }
  }))
  return done
}

// A fresh thread runs the SDK cold (twice the CPU per call); warm it up before measuring.
await run(1000)
parentPort.postMessage(await run(windowMs))
