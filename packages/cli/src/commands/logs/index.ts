import {once} from 'node:events'
import {ApigwCommand} from '../../cli/base-command.js'
import {metricWindowFlags, stageTargetFlags, windowOf} from '../../cli/flags.js'
import {Flags} from '../../cli/oclif/command.js'
import {colorEnabled} from '../../cli/ui/color.js'
import {usageError} from '../../lib/errors.js'
import {parseRoute, parseStatus, tailStageLogs, type LogKind, type Side} from '../../lib/logs/index.js'
import {systemClock} from '../../lib/util/clock.js'
import {parseWindow} from '../../lib/util/window.js'

/** How often --follow reads again, and how far back each read reaches (events can become readable late). */
const FOLLOW = {pollMs: 2_000, overlapMs: 5 * 60_000}

export default class Logs extends ApigwCommand {
  static summary = "a stage's access and execution logs, base and canary apart, parsed in the stage's own access log format"
  static description =
    "Finds the stage's log groups (execution logs `API-Gateway-Execution-Logs_{apiId}/{stage}` by prefix, the access log group from the stage's settings, each with its `/Canary` twin), reads them over the window with FilterLogEvents page by page, merged by time, and prints each line as it arrives: access lines parsed in the stage's own format (JSON, CLF, XML, CSV or any $context template) into status, route, request id and every variable of the format. --filter is a CloudWatch Logs filter pattern, applied by AWS. --status and --route select access lines (execution lines carry neither, so they are left out); --request-id selects both. --follow keeps reading every 2 s until Ctrl-C, each read reaching 5 minutes back so a late event is not missed, and no line is printed twice. -o json prints one JSON object per line (JSON lines). --limit stops after that many lines (with --follow too). When the stage writes no logs, it says so (exit 4) with the commands that turn logging on."

  static examples = [
    'apigw logs --api shop --stage prod --since 30m',
    'apigw logs --api shop --stage prod --access --canary --status 5xx',
    "apigw logs --api shop --stage prod --route 'GET /orders/{id}' --status 502 -o json",
    'apigw logs --api shop --stage prod --execution --request-id 5a2e1f0c-0b6e-4c1d-9f7a-1b2c3d4e5f60',
    "apigw logs --api shop --stage prod --filter '{ $.status = 5* }' --follow",
  ]

  static flags = {
    ...stageTargetFlags('any'),
    access: Flags.boolean({description: 'access logs only', exclusive: ['execution']}),
    execution: Flags.boolean({description: 'execution logs only (REST and WebSocket)', exclusive: ['access']}),
    canary: Flags.boolean({description: "the canary's logs only", exclusive: ['base']}),
    base: Flags.boolean({description: "the base's logs only (the stage less its canary)", exclusive: ['canary']}),
    ...metricWindowFlags('10m'),
    follow: Flags.boolean({description: 'keep reading new lines until Ctrl-C', exclusive: ['end']}),
    filter: Flags.string({description: "a CloudWatch Logs filter pattern, e.g. 'timeout' or '{ $.status = 5* }'"}),
    status: Flags.string({description: 'access lines with this status: 5xx, 4xx or a code such as 502'}),
    route: Flags.string({description: "access lines of this route, e.g. 'GET /orders/{id}'"}),
    'request-id': Flags.string({description: "one request's lines"}),
    limit: Flags.integer({description: 'stop after this many lines', min: 1}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(Logs)
    const window = parseWindow(windowOf(flags), '10m')
    const status = flags.status === undefined ? undefined : parseStatus(flags.status)
    const route = flags.route === undefined ? undefined : parseRoute(flags.route)
    if (flags.execution && (status || route)) throw usageError('--status and --route select access lines; execution lines carry neither.', ['Try: --access, or leave out --execution'])
    if (flags.query !== undefined) throw usageError('--query does not apply to logs, which are printed as they are read.', ["Try: --filter (a CloudWatch Logs pattern) or -o json | jq"])
    const end = (window.clock ?? systemClock).now()
    const kinds: LogKind[] = flags.access ? ['access'] : flags.execution ? ['execution'] : ['access', 'execution']
    const sides: Side[] = flags.canary ? ['canary'] : flags.base ? ['base'] : ['base', 'canary']
    const {stage, lines} = await tailStageLogs(await this.session(), {
      api: flags.api,
      stage: flags.stage,
      kinds,
      sides,
      startTime: end - window.sinceMs,
      endTime: flags.follow ? undefined : end,
      follow: flags.follow ? FOLLOW : undefined,
      filterPattern: flags.filter,
      status,
      route,
      requestId: flags['request-id'],
    })
    for (const notice of stage.notices) this.warning(notice)
    const {logLinesWriter} = await import('../../cli/ui/logs-view.js')
    const write = logLinesWriter(this.outputFormat(), colorEnabled({flag: flags.color, env: process.env, isTTY: Boolean(process.stdout.isTTY)}))
    let count = 0
    for await (const batch of lines) {
      const kept = flags.limit === undefined ? batch : batch.slice(0, flags.limit - count)
      // Wait while the reader is behind, so that lines never pile up in memory.
      if (!process.stdout.write(write(kept))) await once(process.stdout, 'drain')
      count += kept.length
      if (count === flags.limit) break
    }
    if (count === 0) this.note(`No lines in ${stage.sources.map((source) => source.group).join(', ') || 'any group'} over ${window.label}.`)
  }
}
