// What the entry point and the help class use from oclif: loading the config, running, help.
export {flush} from '@oclif/core/flush'
export {handle} from '@oclif/core/handle'
export {CommandHelp, Help} from '@oclif/core/help'
export {run} from '@oclif/core/run'
