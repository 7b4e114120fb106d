/**
 * APIs: create, list, show and delete REST, HTTP and WebSocket APIs (`apigw apis …`).
 * The public door of lib/apis: code outside this folder imports from here, never from its files.
 */
export {DEFAULT_ROUTE_SELECTION, ENDPOINT_TYPES, checkCreateOptions, parseTags} from './create-options.js'
export {prepareApiCreation} from './create.js'
export type {CreatedApi} from './create.js'
export {prepareApiDeletion, prepareApiDetachUndo} from './delete.js'
export type {DeletedApi} from './delete.js'
export {listApis} from './list.js'
export {apisNamed, nameClashWarnings} from './same-name.js'
export {showApi} from './show.js'
export type {ApiDetails} from './show.js'
