import {execFile} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {gunzipSync} from 'node:zlib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Clock} from '../../packages/sandbox/src/clock.js'
import {EMPTY_HOME} from '../helpers/cli.js'
import {startTestSandbox, type Sandbox} from '../helpers/sandbox.js'

const run = promisify(execFile)
const NOW = Date.UTC(2024, 0, 10, 12, 0, 0)
const fixedClock: Clock = {now: () => NOW, sleep: async () => {}, random: () => 0.5}

interface AwsResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * botocore picks AWS JSON 1.0 for CloudWatch whenever the model offers it; a copy of the model that
 * offers only RPC v2 CBOR, found through AWS_DATA_PATH, makes the same CLI speak CBOR.
 */
async function cborOnlyModels(): Promise<string> {
  const {stdout} = await run('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'])
  const model = JSON.parse(gunzipSync(readFileSync(join(stdout.trim(), 'data/cloudwatch/2010-08-01/service-2.json.gz'))).toString('utf8'))
  model.metadata.protocols = ['smithy-rpc-v2-cbor']
  model.metadata.protocol = 'smithy-rpc-v2-cbor'
  const dir = mkdtempSync(join(tmpdir(), 'apigw-botocore-models-'))
  mkdirSync(join(dir, 'cloudwatch/2010-08-01'), {recursive: true})
  writeFileSync(join(dir, 'cloudwatch/2010-08-01/service-2.json'), JSON.stringify(model))
  return dir
}

describe('the real AWS CLI against the sandbox', () => {
  let sandbox: Sandbox
  let cborModels: string

  beforeAll(async () => {
    sandbox = await startTestSandbox({clock: fixedClock})
    cborModels = await cborOnlyModels()
  })
  afterAll(() => sandbox.stop())

  async function aws(args: string[], extraEnv: Record<string, string> = {}): Promise<AwsResult> {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: EMPTY_HOME,
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...extraEnv,
    }
    try {
      const {stdout, stderr} = await run('aws', ['--endpoint-url', sandbox.endpoint, '--output', 'json', ...args], {env})
      return {code: 0, stdout, stderr}
    } catch (error) {
      const failed = error as {code: number; stdout: string; stderr: string}
      return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr}
    }
  }
  const json = (result: AwsResult) => {
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    return JSON.parse(result.stdout)
  }

  describe.each([
    {protocol: 'AWS JSON 1.0', cbor: false, wire: 'x-amz-target'},
    {protocol: 'RPC v2 CBOR', cbor: true, wire: '/service/GraniteServiceVersion20100801/operation/PutMetricData'},
  ])('cloudwatch over $protocol', ({cbor, wire}) => {
    const namespace = cbor ? 'CLI/Cbor' : 'CLI/Json'
    const env = (): Record<string, string> => (cbor ? {AWS_DATA_PATH: cborModels} : {})

    it('puts metric data and reads it back with get-metric-data and get-metric-statistics', async () => {
      const metricData = JSON.stringify([
        {MetricName: 'Latency', Values: [100, 300], Counts: [3, 1], Unit: 'Milliseconds', Timestamp: '2024-01-10T11:01:10Z'},
        {MetricName: 'Latency', Value: 200, Unit: 'Milliseconds', Timestamp: '2024-01-10T11:02:00Z'},
      ])
      // --debug shows the request as sent, proving which protocol this run spoke.
      const put = await aws(['--debug', 'cloudwatch', 'put-metric-data', '--namespace', namespace, '--metric-data', metricData], env())
      expect(put.code).toBe(0)
      expect(put.stderr).toContain(wire)
      expect(put.stderr).toContain('Response headers')

      const queries = JSON.stringify([
        {Id: 'sum', MetricStat: {Metric: {Namespace: namespace, MetricName: 'Latency'}, Period: 60, Stat: 'Sum'}},
        {Id: 'p50', MetricStat: {Metric: {Namespace: namespace, MetricName: 'Latency'}, Period: 60, Stat: 'p50'}},
      ])
      const data = json(
        await aws(
          ['cloudwatch', 'get-metric-data', '--start-time', '2024-01-10T11:00:00Z', '--end-time', '2024-01-10T12:00:00Z', '--metric-data-queries', queries],
          env(),
        ),
      )
      expect(data.Messages).toEqual([])
      expect(data.MetricDataResults.map((r: {Id: string; Label: string; Values: number[]}) => [r.Id, r.Label, r.Values])).toEqual([
        ['sum', 'Latency Sum', [200, 600]],
        ['p50', 'Latency p50', [200, 100]],
      ])
      // CLI v1 prints timestamps as they came off the wire (cli_timestamp_format none): epoch seconds.
      expect(data.MetricDataResults[0].Timestamps).toEqual([Date.UTC(2024, 0, 10, 11, 2) / 1000, Date.UTC(2024, 0, 10, 11, 1) / 1000])

      const statistics = json(
        await aws(
          [
            'cloudwatch',
            'get-metric-statistics',
            ...['--namespace', namespace, '--metric-name', 'Latency', '--period', '3600', '--statistics', 'Average', 'Maximum'],
            ...['--start-time', '2024-01-10T11:00:00Z', '--end-time', '2024-01-10T12:00:00Z'],
          ],
          env(),
        ),
      )
      expect(statistics.Label).toBe('Latency')
      expect(statistics.Datapoints).toEqual([{Timestamp: Date.UTC(2024, 0, 10, 11) / 1000, Average: 160, Maximum: 300, Unit: 'Milliseconds'}])
    })

    it('names errors by their query code, as botocore reads x-amzn-query-error', async () => {
      const result = await aws(
        [
          'cloudwatch',
          'get-metric-statistics',
          ...['--namespace', namespace, '--metric-name', 'Latency', '--period', '60', '--statistics', 'Sum'],
          ...['--start-time', '2024-01-10T11:00:00Z', '--end-time', '2024-01-10T11:00:00Z'],
        ],
        env(),
      )
      expect(result.code).toBe(255)
      expect(result.stderr.trim()).toBe(
        'An error occurred (InvalidParameterValue) when calling the GetMetricStatistics operation: The parameter StartTime must be less than the parameter EndTime.',
      )
    })
  })

  it('lists REST APIs through apigateway get-rest-apis', async () => {
    expect(json(await aws(['apigateway', 'get-rest-apis']))).toEqual({items: []})
  })
})
