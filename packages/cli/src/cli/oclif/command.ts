// What commands use from oclif. Bundled apart from ./startup.ts (see scripts/build.mjs), so that
// `--version` and `--help` do not evaluate the parser and command machinery.
export {Command} from '@oclif/core/command'
export * as Errors from '@oclif/core/errors'
export * as Flags from '@oclif/core/flags'
export * as Args from '@oclif/core/args'
