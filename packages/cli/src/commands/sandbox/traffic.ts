import {ApigwCommand} from '../../cli/base-command.js'
import {stageTargetFlags} from '../../cli/flags.js'
import {Flags} from '../../cli/oclif/command.js'
import {sandboxTarget, stateDirFlag} from '../../cli/sandbox-flags.js'
import {loadSandboxClient, loadTrafficDriver} from '../../lib/sandbox/index.js'

/** How often --follow publishes the traffic of the seconds just past. */
const FOLLOW_INTERVAL_MS = 10_000

export default class SandboxTraffic extends ApigwCommand {
  static summary = "publish CloudWatch metrics and logs as if traffic had flowed through a sandbox API's stage"
  static description =
    'Backfills the past --duration (default 30m), or with --follow publishes live until Ctrl-C. Each minute is split between the base and canary deployments by the stage\'s canary percentage at that minute (canary metrics also go under Stage "<stage>/Canary"); cache hits count only while the stage cache is available, and dip after a flush; requests spread over --keys count towards usage plans. With the stage\'s access logging on (its log group must exist, as in AWS), each request also writes an access-log line in the stage\'s format; with execution logging on (REST), execution-log lines.'

  static examples = [
    'apigw sandbox traffic --api petstore --stage prod --duration 30m',
    'apigw sandbox traffic --api petstore --stage prod --rps 200 --error-rate 4xx=2%,5xx=0.5% --latency p50=40ms,p99=350ms --cache-hit 80%',
    'apigw sandbox traffic --api petstore --stage prod --follow --canary-error-rate 5xx=8% --canary-latency p50=90ms,p99=900ms',
    'apigw sandbox traffic --api petstore --stage prod --duration 3h --keys partner-acme,partner-initech',
  ]

  static flags = {
    ...stageTargetFlags('any'),
    rps: Flags.string({description: 'requests per second', default: '50'}),
    duration: Flags.string({description: 'how far back to backfill, e.g. 30m, 3h', exclusive: ['follow']}),
    follow: Flags.boolean({description: 'publish live, every 10 s, until Ctrl-C'}),
    'error-rate': Flags.string({description: 'shares of 4XX and 5XX answers', default: '4xx=2%,5xx=0.5%'}),
    latency: Flags.string({description: 'latency percentiles (log-normal)', default: 'p50=40ms,p99=350ms'}),
    'cache-hit': Flags.string({description: 'share of requests served from the stage cache, when it is on', default: '80%'}),
    'canary-error-rate': Flags.string({description: "the canary's error shares (default: --error-rate)"}),
    'canary-latency': Flags.string({description: "the canary's latency (default: --latency)"}),
    keys: Flags.string({description: 'API keys (ids or names) the requests use, comma-separated (for usage plans)'}),
    'state-dir': stateDirFlag,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(SandboxTraffic)
    const {backfillWindow, followTraffic, parseTrafficProfile, simulate, trafficApi, trafficKeyIds} = await loadTrafficDriver()
    const profile = parseTrafficProfile({
      rps: flags.rps,
      errorRate: flags['error-rate'],
      latency: flags.latency,
      cacheHit: flags['cache-hit'],
      canaryErrorRate: flags['canary-error-rate'],
      canaryLatency: flags['canary-latency'],
      keys: flags.keys,
    })
    const window = backfillWindow(flags.duration ?? '30m', Date.now())
    const {requireRunning} = await loadSandboxClient()
    const running = await requireRunning(sandboxTarget(flags))
    const session = this.sandboxSession(running.endpoint)
    const api = await trafficApi(session, flags.api)
    const keys = profile.keys && (await trafficKeyIds(session, profile.keys))
    const target = {...profile, keys, apiId: api.id, stage: flags.stage}

    if (!flags.follow) {
      await this.emit({data: await simulate(running, {...target, ...window})})
      return
    }

    // Ctrl-C ends a live run normally: the seconds since the last round are published, then it stops.
    process.removeAllListeners('SIGINT')
    const interrupted = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()))
    this.note(`Publishing ${profile.rps} requests/s to ${api.name} ${flags.stage} every ${FOLLOW_INTERVAL_MS / 1000} s; Ctrl-C to stop.`)
    const total = await followTraffic(running, target, {
      intervalMs: FOLLOW_INTERVAL_MS,
      until: interrupted,
      onRound: (summary) => this.note(`${summary.end}  ${summary.requests} requests (${summary.canaryRequests} canary, ${summary.errors4xx} 4XX, ${summary.errors5xx} 5XX)`),
    })
    this.note(`Stopped after ${total} requests.`)
  }
}
