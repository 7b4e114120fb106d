/**
 * API keys: create, list, show, enable, disable, delete, import and rotate them, with the usage plans
 * they belong to (`apigw keys …`).
 * The public door of lib/keys: code outside this folder imports from here, never from its files.
 */
export {checkKeyCreateOptions} from './create-options.js'
export {prepareKeyCreation} from './create.js'
export type {CreatedKey} from './create.js'
export {prepareKeyDeletion} from './delete.js'
export type {DeletedKey} from './delete.js'
export {prepareKeyImport, readKeyFile} from './import.js'
export type {ImportedKeys} from './import.js'
export {listKeys} from './list.js'
export {prepareFinalize} from './rotation-finalize.js'
export {listRotations} from './rotation-list.js'
export type {RotationInProgress, RotationList} from './rotation-list.js'
export type {RotationSummary} from './rotation-summary.js'
export {parseGrace, prepareRotation} from './rotation.js'
export type {RotateResult} from './rotation.js'
export {showKey} from './show.js'
export type {KeyDetails} from './show.js'
export type {KeySummary, UsagePlanRef} from './summary.js'
export {prepareKeySwitch} from './switch.js'
export type {SwitchedKey} from './switch.js'
export {usageSpan} from './usage.js'
