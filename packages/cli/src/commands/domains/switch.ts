import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags} from '../../cli/flags.js'
import {domainFlag, gateFlags, gateOption, pathFlag} from '../../cli/domains-flags.js'
import {Flags} from '../../cli/oclif/command.js'
import {prepareSwitch} from '../../lib/domains/index.js'
import {releaseActor} from '../../lib/releases/index.js'

export default class DomainsSwitch extends ApigwCommand {
  static summary = "blue/green: move a custom domain's path to another API's stage in place, or back"
  static description =
    "Moves --path of --domain to --to <api>:<stage> (any kind of API) in one UpdateBasePathMapping (REST to REST under a one-level path) or UpdateApiMapping: never delete-then-create, so the path answers throughout. The target stage must exist and run a deployment. With --gate, the target's traffic must first pass `metrics check` with the same limits (--since, --max-5xx-rate, --max-4xx-rate, --max-p99, --min-requests, --no-data); a failing gate refuses the switch (exit 1) having written nothing. Before moving, the current target is recorded in a tag on the domain (apigw:previous[:<path>]), so --back returns to it. The mapping is read back afterwards (exit 5 if another change landed), and the switch is recorded in the description of the deployment the target stage runs, as deploy records releases (stages history shows it). Destructive: asks on a terminal, needs --yes elsewhere."

  static examples = [
    'apigw domains switch --domain api.example.com --path orders --to shop-green:prod',
    'apigw domains switch --domain api.example.com --path orders --to shop-green:prod --gate --max-5xx-rate 1% --since 15m --yes',
    'apigw domains switch --domain api.example.com --path orders --back --yes',
  ]

  static flags = {
    domain: domainFlag,
    path: pathFlag,
    to: Flags.string({description: 'the target, <api>:<stage> (api by id or name)', exactlyOne: ['to', 'back']}),
    back: Flags.boolean({description: 'return to what the last switch of this path moved it from'}),
    ...gateFlags,
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(DomainsSwitch)
    const prepared = await prepareSwitch(await this.session(), {domain: flags.domain, path: flags.path, to: flags.to, back: flags.back, gate: gateOption(flags), actor: releaseActor(process.env)})
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/domains-view.js')).switchView})
  }
}
