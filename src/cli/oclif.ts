// Everything apigw uses from oclif, built into one file (dist/oclif.js) that every command and the
// entry point share: the startup path then loads a few ES modules instead of many chunks.
export {Command} from '@oclif/core/command'
export * as Errors from '@oclif/core/errors'
export {flush} from '@oclif/core/flush'
export * as Flags from '@oclif/core/flags'
export {handle} from '@oclif/core/handle'
export {CommandHelp, Help} from '@oclif/core/help'
export {run} from '@oclif/core/run'
