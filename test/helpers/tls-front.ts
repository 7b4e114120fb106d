import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {connect, type AddressInfo, type Socket} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createServer} from 'node:tls'

export interface TlsFront {
  /** https://127.0.0.1:<port> */
  endpoint: string
  /** The PEM file of the CA that issued the front's certificate. */
  caFile: string
  close(): Promise<void>
}

/** A CA of its own and a certificate for localhost and 127.0.0.1 signed by it, made with openssl. */
function makeCertificates(dir: string) {
  const openssl = (...args: string[]) => execFileSync('openssl', args, {cwd: dir, stdio: 'pipe'})
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=apigw test CA')
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost')
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n')
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext')
}

/** TLS on 127.0.0.1 in front of a plain-HTTP `target` (a sandbox): a TLS-inspecting network's endpoint, in small. */
export async function startTlsFront(target: string): Promise<TlsFront> {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-tls-'))
  makeCertificates(dir)
  const upstream = new URL(target)
  const sockets = new Set<Socket>()
  const server = createServer({key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.pem'))}, (client) => {
    const forward = connect(Number(upstream.port), upstream.hostname)
    sockets.add(client).add(forward)
    client.pipe(forward).pipe(client)
    client.on('error', () => forward.destroy())
    forward.on('error', () => client.destroy())
  })
  server.on('tlsClientError', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caFile: join(dir, 'ca.pem'),
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
