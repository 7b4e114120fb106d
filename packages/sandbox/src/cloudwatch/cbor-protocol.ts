import {cbor, dateToTag, tagSymbol} from '@smithy/core/cbor'
import {serializationError} from './errors.js'
import {asStructure, mapDates, type WireProtocol} from './wire.js'

const EPOCH_SECONDS_TAG = 1

/** Smithy RPC v2 CBOR: timestamps travel as tag 1 (epoch seconds); every answer names the protocol. */
export const cborProtocol: WireProtocol = {
  decode(request) {
    if (request.body.length === 0) return {}
    let decoded: unknown
    try {
      decoded = cbor.deserialize(request.body)
    } catch {
      throw serializationError('Could not parse request body into cbor')
    }
    return asStructure(fromCbor(decoded))
  },
  encode: (status, body, headers = {}) => ({
    status,
    // serialize() returns a view of a shared buffer: copy it before the next call reuses it.
    body: Buffer.from(cbor.serialize(mapDates(body, dateToTag))),
    headers: {'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor', ...headers},
  }),
}

/** Decoded CBOR as plain values: epoch-seconds tags become Dates, big integers become numbers. */
function fromCbor(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (ArrayBuffer.isView(value)) return value
  if (Array.isArray(value)) return value.map(fromCbor)
  if (value !== null && typeof value === 'object') {
    const tagged = value as {[tagSymbol]?: true; tag?: unknown; value?: unknown}
    if (tagged[tagSymbol] && Number(tagged.tag) === EPOCH_SECONDS_TAG) return new Date(Number(tagged.value) * 1000)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fromCbor(item)]))
  }
  return value
}
