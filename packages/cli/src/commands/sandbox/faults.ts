import {ApigwCommand} from '../../cli/base-command.js'
import {Args} from '../../cli/oclif/command.js'
import {sandboxTarget, stateDirFlag} from '../../cli/sandbox-flags.js'
import {loadFaultsSyntax, loadSandboxClient} from '../../lib/sandbox/index.js'

export default class SandboxFaults extends ApigwCommand {
  static summary = 'show or change the failures a running sandbox injects'
  static description =
    'throttle: 429 TooManyRequestsException with Retry-After; error: 503 ServiceUnavailableException; reset: the connection is dropped; latency: added to every call. Percentages are shares of calls. fail=<Operation>#<n>: the n-th call of that AWS operation from now (default the next) answers 503 ServiceUnavailableException, once, to rehearse a failure part-way through a command (apigw retries a 503 within --retry-budget: run the command with --retry-budget 0s to see the failure). lost=<Operation>#<n>[:reset|:503|:timeout]: that call takes effect, then its answer is lost (connection reset by default; a 503 instead of the answer; or no answer until the client gives up); lost=2%[:503] strikes that share of write calls. latency=<Operation>:400ms delays the calls of one operation, on top of latency=… for every call. The new faults replace the old ones; "none" turns every fault off.'

  static examples = [
    'apigw sandbox faults throttle=20%,error=5%,reset=2%,latency=300ms',
    'apigw sandbox faults fail=CreateUsagePlanKey#2',
    'apigw sandbox faults lost=CreateApiKey:503,latency=UpdateStage:400ms',
    'apigw sandbox faults lost=2%',
    'apigw sandbox faults none',
    'apigw sandbox faults',
  ]
  static args = {faults: Args.string({description: 'e.g. throttle=20%,latency=300ms, fail=CreateUsagePlanKey#2, lost=CreateApiKey#1:503, or none; omit to show the current faults'})}
  static flags = {'state-dir': stateDirFlag}

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(SandboxFaults)
    const {controlCall, requireRunning} = await loadSandboxClient()
    const info = await requireRunning(sandboxTarget(flags))
    if (args.faults === undefined) {
      const status = await controlCall<{faults: string}>(info, 'GET', 'status')
      await this.emit({data: {faults: status.faults}})
      return
    }
    const {FAULTS_COMMAND, parseFaults} = await loadFaultsSyntax()
    await this.emit({data: await controlCall<{faults: string}>(info, 'PUT', 'faults', parseFaults(args.faults, FAULTS_COMMAND))})
  }
}
