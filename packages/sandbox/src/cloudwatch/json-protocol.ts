import {jsonBody} from '../http.js'
import {asStructure, mapDates, type WireProtocol} from './wire.js'

/** AWS JSON 1.0, as the JS SDK and botocore speak it: timestamps are epoch seconds. */
export const jsonProtocol: WireProtocol = {
  decode: (request) => asStructure(jsonBody<unknown>(request)),
  encode: (status, body, headers = {}) => ({
    status,
    body: mapDates(body, (date) => date.getTime() / 1000),
    headers: {'content-type': 'application/x-amz-json-1.0', ...headers},
  }),
}
