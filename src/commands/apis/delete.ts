import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {planFlags} from '../../cli/global-flags.js'
import {prepareApiDeletion} from '../../lib/apis/delete.js'

export default class ApisDelete extends ApigwCommand {
  static summary = 'delete an API with its stages and deployments'
  static description =
    'Deletes a REST API (DeleteRestApi) or an HTTP/WebSocket API (DeleteApi) with everything under it. Asks you to type the API name on a terminal; elsewhere it needs --confirm <name>. A REST API that a usage plan references is refused (exit 5) unless --force, which first removes its stages from those plans (UpdateUsagePlan).'
  static examples = [
    'apigw apis delete --api shop',
    'apigw apis delete --api a1b2c3d4e5 --confirm shop',
    'apigw apis delete --api shop --confirm shop --force --dry-run',
  ]

  static flags = {
    api: Flags.string({description: 'API id or name (REST, HTTP or WebSocket)', required: true}),
    confirm: Flags.string({description: "the API's name, to confirm the deletion without a prompt"}),
    force: Flags.boolean({description: 'REST: detach the API from the usage plans that reference it, then delete it'}),
    ...planFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(ApisDelete)
    const deletion = await prepareApiDeletion(await this.session(), {api: flags.api, force: flags.force})
    const run = await this.carryOut(deletion.plan, {dryRun: flags['dry-run'], confirmName: deletion.confirmName, confirmFlag: flags.confirm})
    if (!run) return
    await this.emit({data: deletion.deleted, view: async () => (await import('../../lib/ui/apis-view.js')).apiDeletedView})
  }
}
