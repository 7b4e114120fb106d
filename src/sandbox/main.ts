// The background sandbox process that `apigw sandbox start --detach` and `--sandbox` start.
// Its options arrive as one JSON argument; its stderr goes to sandbox.log in the state directory.
import {faultsFromJson} from './faults.js'
import {hostSandbox, type HostOptions} from './host.js'

const options = JSON.parse(process.argv[2] ?? '{}') as HostOptions
try {
  // Faults arrive as JSON, checked as strictly as PUT /_sandbox/faults checks them.
  const {sandbox, info} = await hostSandbox({...options, faults: faultsFromJson(options.faults ?? {})})
  process.stderr.write(`${info.startedAt} sandbox ${info.pid} listening on ${info.endpoint}\n`)
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => void sandbox.close())
  await sandbox.closed
  process.stderr.write(`${new Date().toISOString()} sandbox ${info.pid} stopped\n`)
} catch (error) {
  process.stderr.write(`${new Date().toISOString()} sandbox failed to start: ${(error as Error).message}\n`)
  // apigw's exit code for the failure (5 for a busy port), so the starting apigw can report it as such.
  process.exitCode = (error as {exitCode?: number}).exitCode ?? 1
}
