import type {Interfaces} from '@oclif/core'
import {withLiveGroups} from './help-command.js'
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

  /** oclif's docopt usage, of the flags as withLiveGroups gives them (no empty `| ` alternatives). */
  protected defaultUsage(): string {
    const command = this.command
    const visible = Object.entries(command.flags ?? {}).filter(([, flag]) => !flag.hidden)
    const grouped = withLiveGroups(visible.map(([name, flag]) => ({...flag, name})))
    this.command = {...command, flags: {...command.flags, ...Object.fromEntries(grouped.map((flag) => [flag.name, flag]))}}
    try {
      return super.defaultUsage()
    } finally {
      this.command = command
    }
  }
}

export default class ApigwHelp extends Help {
  protected CommandHelpClass = ApigwCommandHelp

  constructor(config: Interfaces.Config, options?: Partial<Interfaces.HelpOptions>) {
    super(config, options)
    this.render = skipPlainText(this.render)
  }
}
