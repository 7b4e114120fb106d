import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {apiFlag, changeFlags} from '../../cli/flags.js'
import {prepareApiDeletion, prepareApiDetachUndo} from '../../lib/apis/index.js'

export default class ApisDelete extends ApigwCommand {
  static summary = 'delete an API with its stages and deployments'
  static description =
    'Deletes a REST API (DeleteRestApi) or an HTTP/WebSocket API (DeleteApi) with everything under it. Asks you to type the API name on a terminal; elsewhere it needs --confirm <name>. A REST API that a usage plan references is refused (exit 5) unless --force, which first records in each plan\'s tags what it is about to detach (TagResource apigw:detached:<api>:<stage>), then removes its stages from those plans (UpdateUsagePlan), deletes the API and clears the records. A run cut short is finished by the same command, or undone with --undo, which puts the API back in those plans.'
  static examples = [
    'apigw apis delete --api shop',
    'apigw apis delete --api a1b2c3d4e5 --confirm shop',
    'apigw apis delete --api shop --confirm shop --force --dry-run',
    'apigw apis delete --api shop --undo',
  ]

  static flags = {
    api: apiFlag('any'),
    confirm: Flags.string({description: "the API's name, to confirm the deletion without a prompt"}),
    force: Flags.boolean({description: 'REST: detach the API from the usage plans that reference it, then delete it', exclusive: ['undo']}),
    undo: Flags.boolean({description: 'instead of deleting: put the API back in the usage plans an unfinished --force run took it from', exclusive: ['confirm']}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(ApisDelete)
    if (flags.undo) {
      const undo = await prepareApiDetachUndo(await this.session(), {api: flags.api})
      await this.applyChange(undo, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/detach-undo-view.js')).detachUndoneView})
      return
    }
    const deletion = await prepareApiDeletion(await this.session(), {api: flags.api, force: flags.force})
    await this.applyChange(deletion, {dryRun: flags['dry-run'], confirmFlag: flags.confirm, view: async () => (await import('../../cli/ui/apis-view.js')).apiDeletedView})
  }
}
