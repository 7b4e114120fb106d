import type {Interfaces} from '@oclif/core'
import {CommandHelp, Help} from './oclif/startup.js'

/** oclif passes every help string through EJS; apigw's help has no templates, so plain text skips the compile. */
function skipPlainText(render: (input: string) => string) {
  return (input: string) => (input.includes('<%') ? render(input) : input)
}

class ApigwCommandHelp extends CommandHelp {
  constructor(...args: ConstructorParameters<typeof CommandHelp>) {
    super(...args)
    this.render = skipPlainText(this.render)
  }
}

export default class ApigwHelp extends Help {
  protected CommandHelpClass = ApigwCommandHelp

  constructor(config: Interfaces.Config, options?: Partial<Interfaces.HelpOptions>) {
    super(config, options)
    this.render = skipPlainText(this.render)
  }
}
