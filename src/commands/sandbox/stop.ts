import {ApigwCommand} from '../../cli/base-command.js'
import {stateDirFlag, stateDirFrom} from '../../cli/sandbox-flags.js'

export default class SandboxStop extends ApigwCommand {
  static summary = 'stop the sandbox (its state stays on disk)'
  static description = 'Stopping a sandbox that is not running succeeds, so scripts can always call it.'
  static examples = ['apigw sandbox stop', 'apigw sandbox stop --state-dir ./rehearsal']
  static flags = {'state-dir': stateDirFlag}

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(SandboxStop)
    const stateDir = stateDirFrom(flags['state-dir'])
    const {findRunning} = await import('../../lib/sandbox/runtime.js')
    const info = await findRunning(stateDir)
    if (info) await (await import('../../lib/sandbox/client.js')).stopSandbox(info)
    else this.note(`No sandbox is running with state in ${stateDir}.`)
    await this.emit({data: {stopped: Boolean(info), pid: info?.pid ?? null, stateDir}})
  }
}
