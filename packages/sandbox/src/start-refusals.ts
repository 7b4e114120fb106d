import {findRunning} from './runtime-file.js'

/** Why a sandbox may not start: its port is taken, or another sandbox runs on its state directory. */
export class SandboxStartError extends Error {
  readonly code: 'PORT_IN_USE' | 'SANDBOX_RUNNING'

  constructor(code: SandboxStartError['code'], message: string) {
    super(message)
    this.name = 'SandboxStartError'
    this.code = code
  }
}

/** Two sandboxes on one state directory would overwrite each other's journal. */
export async function refuseSecondSandbox(stateDir: string): Promise<void> {
  const running = await findRunning(stateDir)
  if (running) throw new SandboxStartError('SANDBOX_RUNNING', `A sandbox is already running on ${running.endpoint} (pid ${running.pid}) with state in ${stateDir}.`)
}

export const portInUse = (port: number, host = '127.0.0.1') => new SandboxStartError('PORT_IN_USE', `Port ${port} is already in use on ${host}.`)
