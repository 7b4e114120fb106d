import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {listKeys} from '../../lib/keys/index.js'

export default class KeysList extends ApigwCommand {
  static summary = 'list API keys with the usage plans each is in'
  static description =
    'Lists API keys newest first (GetApiKeys, pages of 500), with the usage plans each key is in: one GetUsagePlans listing and one GetUsagePlanKeys per plan, not a call per key. Key values are never shown, not even with --json.'
  static examples = ['apigw keys list', 'apigw keys list --plan gold --name partner-', "apigw keys list --customer cust-42 --json --query 'keys[].id'"]

  static flags = {
    plan: Flags.string({description: 'only keys in this usage plan (id or name)'}),
    name: Flags.string({description: 'only keys whose name starts with this (case-sensitive)'}),
    customer: Flags.string({description: 'only keys with this customer id'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(KeysList)
    const result = await listKeys(await this.session(), {plan: flags.plan, name: flags.name, customer: flags.customer})
    await this.emit({data: result, view: async () => (await import('../../cli/ui/keys-view.js')).keysListTable})
  }
}
