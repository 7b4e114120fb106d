import {ApigwCommand} from '../../cli/base-command.js'
import {sandboxTarget, stateDirFlag} from '../../cli/sandbox-flags.js'
import {ExitCode} from '../../lib/errors.js'
import {loadSandboxClient, loadSandboxLocator} from '../../lib/sandbox/index.js'
import {shellQuote} from '../../lib/util/shell.js'

export default class SandboxStatus extends ApigwCommand {
  static summary = 'show whether the sandbox is running, where, and what it holds'
  static description = 'Exits 0 when a sandbox is running for the state directory (or at --endpoint-url), 1 when none is.'
  static examples = ['apigw sandbox status', 'apigw sandbox status --json --query endpoint', 'apigw sandbox status --endpoint-url http://127.0.0.1:4599']
  static flags = {'state-dir': stateDirFlag}

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(SandboxStatus)
    const {sandboxStatus} = await loadSandboxClient()
    const target = sandboxTarget(flags)
    const status = await sandboxStatus(target)
    await this.emit({data: status})
    if (status.running) return
    if (target.endpointUrl === undefined) {
      const {lastStartedElsewhere} = await loadSandboxLocator()
      const other = await lastStartedElsewhere(target.stateDir, process.env)
      if (other) this.note(`The sandbox you started last runs on ${other.endpoint} with state in ${other.stateDir}: apigw sandbox status --state-dir ${shellQuote(other.stateDir)}`)
    }
    this.exit(ExitCode.negative)
  }
}
