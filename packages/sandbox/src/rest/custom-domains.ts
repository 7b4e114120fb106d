import type {SandboxContext} from '../context.js'
import type {Router} from '../http.js'
import {registerBasePathMappings} from './base-path-mappings.js'
import {registerClientCertificates} from './client-certificates.js'
import {registerDocumentation} from './documentation.js'
import {registerDomainNames} from './domain-names.js'
import {registerVpcLinks} from './vpc-links.js'

/** What REST APIs are reached through and documented by: domain names, mappings, client certificates, VPC links, documentation. */
export function registerCustomDomains(router: Router, context: SandboxContext): void {
  registerDomainNames(router, context)
  registerBasePathMappings(router, context)
  registerClientCertificates(router, context)
  registerVpcLinks(router, context)
  registerDocumentation(router, context)
}
