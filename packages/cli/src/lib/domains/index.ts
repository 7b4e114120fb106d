/**
 * Custom domain names: v1 domain names with base path mappings and v2 domain names with API
 * mappings in one view (they are one set: docs/aws-behaviour.md#custom-domain-names-are-shared-by-v1-and-v2),
 * creating and deleting them, mapping paths, the blue/green switch of a path in place, and checks.
 * The public door of lib/domains: code outside this folder imports from here, never from its files.
 */
export {checkDomains, EXPIRY_WARNING_DAYS} from './check.js'
export type {DomainCheck, Finding} from './check.js'
export {prepareCreateDomain, prepareDeleteDomain} from './create.js'
export type {CreateDomainOptions, DeletedDomain} from './create.js'
export {prepareMap, prepareUnmap} from './map.js'
export type {MappingChanged} from './map.js'
export {pathText, readDomains} from './read.js'
export type {DomainMapping, DomainSummary} from './read.js'
export {prepareSwitch} from './switch.js'
export type {SwitchGate, SwitchResult} from './switch.js'
