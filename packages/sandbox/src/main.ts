// The background sandbox process that `apigw sandbox start --detach` and `--sandbox` start.
// Its options (startSandbox's, faults as JSON) arrive as one JSON argument; its stderr goes to
// sandbox.log in the state directory. It exits 5 when it may not start (the port is taken, or
// another sandbox runs on the state directory), 1 when it fails to start for any other reason.
import {startSandbox, type SandboxOptions} from './start.js'
import {SandboxStartError} from './start-refusals.js'

const REFUSED_EXIT_CODE = 5

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions
try {
  const sandbox = await startSandbox(options)
  process.stderr.write(`${sandbox.runtime?.startedAt} sandbox ${process.pid} listening on ${sandbox.endpoint}\n`)
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => void sandbox.stop())
  await sandbox.closed
  process.stderr.write(`${new Date().toISOString()} sandbox ${process.pid} stopped\n`)
} catch (error) {
  process.stderr.write(`${new Date().toISOString()} sandbox failed to start: ${(error as Error).message}\n`)
  process.exitCode = error instanceof SandboxStartError ? REFUSED_EXIT_CODE : 1
}
