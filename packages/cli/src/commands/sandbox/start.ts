import {ApigwCommand, sandboxDaemonDefaults} from '../../cli/base-command.js'
import {Flags} from '../../cli/oclif/command.js'
import {stateDirFlag, stateDirFrom} from '../../cli/sandbox-flags.js'
import type {RuntimeInfo} from '../../lib/sandbox/index.js'
import {parseDuration} from '../../lib/util/duration.js'
import {loadFaultsSyntax, loadNextSteps, loadSandboxClient} from '../../lib/sandbox/index.js'

/** What is printed of the runtime file: all but the control token, which stays in the 0600 file. */
const shown = ({token: _token, ...info}: RuntimeInfo) => info

export default class SandboxStart extends ApigwCommand {
  static summary = 'start a local AWS-compatible API Gateway and CloudWatch endpoint'
  static description =
    'Serves the apigateway, apigatewayv2 and CloudWatch APIs on 127.0.0.1, so apigw, the AWS CLI and any SDK can be pointed at it. State persists in the state directory. Runs in the foreground until Ctrl-C, or in the background with --detach. Other commands reach it with --sandbox (or APIGW_SANDBOX=1).'

  static examples = [
    'apigw sandbox start --detach',
    'apigw sandbox start --port 4599 --faults throttle=20%,latency=300ms',
    'apigw sandbox start --state-dir ./rehearsal --transition-delay 0s',
  ]

  static flags = {
    port: Flags.integer({description: 'port on 127.0.0.1 (0 = any free port)', default: 0, min: 0, max: 65535}),
    'state-dir': stateDirFlag,
    detach: Flags.boolean({description: 'run in the background and return once it answers'}),
    faults: Flags.string({description: 'inject failures, e.g. throttle=20%,error=5%,reset=2%,latency=300ms, fail=CreateUsagePlanKey#2 or lost=CreateApiKey#1:503 (see apigw sandbox faults --help)'}),
    'transition-delay': Flags.string({description: 'how long cache clusters take to create, delete and flush', default: '3s'}),
    'idle-timeout': Flags.string({description: 'stop after this long without calls, e.g. 30m (default: never; 30m with --detach)'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(SandboxStart)
    const stateDir = stateDirFrom(flags['state-dir'])
    const {parseFaults} = await loadFaultsSyntax()
    const faults = parseFaults(flags.faults ?? 'none')
    const transitionDelayMs = parseDuration(flags['transition-delay'], '--transition-delay')
    const idleTimeoutMs = flags['idle-timeout'] === undefined ? (flags.detach ? sandboxDaemonDefaults(this.config.root, stateDir).idleTimeoutMs : 0) : parseDuration(flags['idle-timeout'], '--idle-timeout')
    const options = {stateDir, port: flags.port, faults, transitionDelayMs, idleTimeoutMs}

    const {nextSteps} = await loadNextSteps()
    if (flags.detach) {
      const {startDetachedAlone} = await loadSandboxClient()
      const info = await startDetachedAlone({...options, env: process.env, daemonScript: sandboxDaemonDefaults(this.config.root, stateDir).daemonScript})
      const next = nextSteps(info, process.env, 'this shell')
      await this.emit({data: {...shown(info), detached: true, env: next.env}})
      this.note(next.text)
      return
    }

    const {startForeground} = await loadSandboxClient()
    const {sandbox, info} = await startForeground({...options, env: process.env})
    // Ctrl-C stops the sandbox cleanly: it is how a foreground sandbox is meant to end.
    process.removeAllListeners('SIGINT')
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void sandbox.stop())
    const next = nextSteps(info, process.env, 'another shell')
    await this.emit({data: {...shown(info), detached: false, env: next.env}})
    this.note(`${next.text}\nPress Ctrl-C to stop.`)
    await sandbox.closed
    this.note('Sandbox stopped.')
  }
}
