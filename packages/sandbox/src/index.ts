/**
 * The sandbox as a library: a local AWS-compatible API Gateway (v1 and v2), CloudWatch and STS
 * endpoint for tests. See README.md beside this file.
 *
 *   const sandbox = await startSandbox({faults: {throttle: 0.1}})
 *   // point any AWS SDK at sandbox.endpoint, with any credentials
 *   await sandbox.stop()
 */
export {startSandbox, type SandboxOptions} from './start.js'
export type {Sandbox} from './server.js'
export type {Clock} from './clock.js'
export {describeFaults, faultsFromJson} from './faults.js'
export * from './contract.js'
