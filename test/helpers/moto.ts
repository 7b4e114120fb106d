import {spawn, type ChildProcess} from 'node:child_process'
import {once} from 'node:events'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'

export interface MotoServer {
  endpoint: string
  /** Forgets everything moto holds, between tests that need a clean account. */
  reset(): Promise<void>
  stop(): Promise<void>
}

/** Starts moto_server on a free loopback port; it also stops on its own if this process dies. */
export async function startMoto(): Promise<MotoServer> {
  const script = fileURLToPath(new URL('moto_server.py', import.meta.url))
  const child: ChildProcess = spawn('python3', [script], {stdio: ['pipe', 'pipe', 'inherit']})
  const lines = createInterface({input: child.stdout!})
  const [firstLine] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`moto_server exited with code ${code} before it was ready`)
    }),
  ])) as [string]
  const endpoint = `http://127.0.0.1:${Number(firstLine)}`
  return {
    endpoint,
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, {method: 'POST'})
      if (!response.ok) throw new Error(`moto reset failed: ${response.status}`)
    },
    async stop() {
      const exited = once(child, 'exit')
      child.stdin!.end()
      await exited
    },
  }
}
