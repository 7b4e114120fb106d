import {randomBytes} from 'node:crypto'
import type {SandboxContext} from '../context.js'
import {epochSeconds, json, jsonBody, type Router} from '../http.js'
import {TABLES, type Tags} from '../model.js'
import {pageInCreationOrder} from './paging.js'
import {checkPatchPaths, patchOperationsOf} from './patch.js'
import {registerDelete, requireRecord} from './top-level.js'

/**
 * GenerateClientCertificate, GetClientCertificate(s), UpdateClientCertificate and
 * DeleteClientCertificate. docs/aws-behaviour.md#client-certificates
 */

export interface ClientCertificateRecord {
  clientCertificateId: string
  description?: string
  pemEncodedCertificate: string
  createdDate: number
  expirationDate: number
  tags?: Tags
}

/** AWS's generated client certificates are valid for 365 days. docs/aws-behaviour.md#client-certificates */
const VALIDITY_MS = 365 * 24 * 3600 * 1000

const CERTIFICATE_NOT_FOUND = 'Invalid Client Certificate identifier specified'

export function registerClientCertificates(router: Router, context: SandboxContext): void {
  const {store} = context
  router
    .add('POST', '/clientcertificates', (request) => {
      const input = jsonBody<{description?: string; tags?: Tags}>(request)
      const now = context.clock.now()
      const certificate: ClientCertificateRecord = {
        clientCertificateId: context.newId(6),
        description: input.description || undefined,
        pemEncodedCertificate: placeholderPem(),
        createdDate: now,
        expirationDate: now + VALIDITY_MS,
        tags: input.tags && Object.keys(input.tags).length > 0 ? {...input.tags} : undefined,
      }
      store.put(TABLES.clientCertificates, certificate.clientCertificateId, certificate)
      return json(201, clientCertificateView(certificate))
    })
    .add('GET', '/clientcertificates', (request) => {
      const all = store.all<ClientCertificateRecord>(TABLES.clientCertificates)
      const page = pageInCreationOrder(all, (found) => ({id: found.clientCertificateId, createdDate: found.createdDate}), request.query, false)
      return json(200, {item: page.items.map(clientCertificateView), position: page.position})
    })
    .add('GET', '/clientcertificates/{id}', (_request, {id}) => json(200, clientCertificateView(requireClientCertificate(context, id))))
    .add('PATCH', '/clientcertificates/{id}', (request, {id}) => {
      const certificate = {...requireClientCertificate(context, id)}
      for (const {value} of checkPatchPaths(patchOperationsOf(request, 'updateClientCertificateInput'), {replace: ['/description']})) certificate.description = value || undefined
      store.put(TABLES.clientCertificates, id, certificate)
      return json(200, clientCertificateView(certificate))
    })
  registerDelete(router, context, '/clientcertificates', TABLES.clientCertificates, CERTIFICATE_NOT_FOUND)
}

export const requireClientCertificate = (context: SandboxContext, id: string) =>
  requireRecord<ClientCertificateRecord>(context, TABLES.clientCertificates, id, CERTIFICATE_NOT_FOUND)

/**
 * A PEM-armoured block of random bytes: it looks like AWS's certificate but is no X.509 certificate
 * (node:crypto cannot sign one). docs/sandbox.md says so; nothing in the sandbox checks client TLS.
 */
function placeholderPem(): string {
  const body = randomBytes(720).toString('base64').replace(/.{64}/g, '$&\n')
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`
}

/** The ClientCertificate wire shape; AWS answers `tags` even when there are none. */
function clientCertificateView(certificate: ClientCertificateRecord) {
  return {
    clientCertificateId: certificate.clientCertificateId,
    description: certificate.description,
    pemEncodedCertificate: certificate.pemEncodedCertificate,
    createdDate: epochSeconds(certificate.createdDate),
    expirationDate: epochSeconds(certificate.expirationDate),
    tags: certificate.tags ?? {},
  }
}
