import {ApigwCommand} from '../../cli/base-command.js'
import {sandboxTarget, stateDirFlag} from '../../cli/sandbox-flags.js'
import {loadSandboxClient, loadSandboxLocator} from '../../lib/sandbox/index.js'

export default class SandboxStop extends ApigwCommand {
  static summary = 'stop the sandbox (its state stays on disk)'
  static description = 'Stopping a sandbox that is not running succeeds, so scripts can always call it.'
  static examples = ['apigw sandbox stop', 'apigw sandbox stop --state-dir ./rehearsal', 'apigw sandbox stop --endpoint-url http://127.0.0.1:4599']
  static flags = {'state-dir': stateDirFlag}

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(SandboxStop)
    const target = sandboxTarget(flags)
    const {locateSandbox} = await loadSandboxLocator()
    const info = await locateSandbox(target)
    if (info) await (await loadSandboxClient()).stopSandbox(info)
    else this.note(`No sandbox is running ${target.endpointUrl === undefined ? `with state in ${target.stateDir}` : `at ${target.endpointUrl}`}.`)
    await this.emit({data: {stopped: Boolean(info), pid: info?.pid ?? null, stateDir: info ? info.stateDir : target.stateDir}})
  }
}
