import {randomUUID} from 'node:crypto'
import type {IncomingHttpHeaders} from 'node:http'

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/'

type XmlValue = string | {[name: string]: XmlValue}

/** An AWS Query answer: <{Action}Response><{Action}Result>…</…><ResponseMetadata><RequestId>. */
export function xmlDocument(action: string, result: Record<string, XmlValue>): string {
  return (
    `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${elements(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`
  )
}

/** An AWS Query error: Type is Sender (the caller's fault) or Receiver. */
export function xmlError(type: 'Sender' | 'Receiver', code: string, message: string): string {
  return `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${type}</Type><Code>${escape(code)}</Code><Message>${escape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`
}

/** The SigV4 credential scope of a signed request: Credential=AKID/date/region/service/aws4_request. */
const CREDENTIAL = /Credential=([^/,\s]+)\/[^/,\s]+\/[^/,\s]+\/([^/,\s]+)\/aws4_request/

/** The access key id a request was signed with. */
export function accessKeyOf(headers: IncomingHttpHeaders): string | undefined {
  return CREDENTIAL.exec(String(headers.authorization ?? ''))?.[1]
}

/** The service a request was signed for. */
export function signedService(headers: IncomingHttpHeaders): string | undefined {
  return CREDENTIAL.exec(String(headers.authorization ?? ''))?.[2]
}

function elements(values: Record<string, XmlValue>): string {
  return Object.entries(values)
    .map(([name, value]) => `<${name}>${typeof value === 'string' ? escape(value) : elements(value)}</${name}>`)
    .join('')
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
