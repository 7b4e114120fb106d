import {ApigwCommand} from '../../cli/base-command.js'
import {sandboxTarget, stateDirFlag} from '../../cli/sandbox-flags.js'
import {loadSandboxClient} from '../../lib/sandbox/index.js'

export default class SandboxReset extends ApigwCommand {
  static summary = 'forget every API, stage, key, plan and metric in the sandbox'
  static description = 'Works on a running sandbox and on a stopped one. Asks for confirmation on a terminal; elsewhere it needs --yes.'
  static examples = ['apigw sandbox reset --yes']
  static flags = {'state-dir': stateDirFlag}

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(SandboxReset)
    const target = sandboxTarget(flags)
    const where = target.endpointUrl ?? target.stateDir
    const {confirmDestructive} = await import('../../cli/ui/confirm.js')
    await confirmDestructive({
      question: `Delete every API, stage, key, usage plan and metric in the sandbox at ${where}?`,
      retryWithYes: 'apigw sandbox reset --yes',
      yes: flags.yes,
    })
    const {resetSandbox} = await loadSandboxClient()
    const sandbox = await resetSandbox(target)
    await this.emit({data: {reset: true, sandbox, stateDir: target.endpointUrl === undefined ? target.stateDir : null, endpoint: target.endpointUrl ?? null}})
  }
}
