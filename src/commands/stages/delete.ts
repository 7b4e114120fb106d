import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {planFlags} from '../../cli/global-flags.js'
import {prepareStageDeletion, prepareStageDetachUndo} from '../../lib/stages/index.js'

export default class StagesDelete extends ApigwCommand {
  static summary = 'delete a stage (its deployments stay)'
  static description =
    'DeleteStage, after you type the stage name on a terminal; elsewhere it needs --confirm <stage>. A REST stage that usage plans name is refused (exit 5) unless --force, which first records in each plan\'s tags what it is about to detach (TagResource), then removes it from those plans (UpdateUsagePlan), deletes it and clears the records. A run cut short is finished by the same command, or undone with --undo.'
  static examples = [
    'apigw stages delete --api petstore --stage beta',
    'apigw stages delete --api a1b2c3d4e5 --stage beta --confirm beta',
    'apigw stages delete --api petstore --stage beta --confirm beta --force --dry-run',
    'apigw stages delete --api petstore --stage beta --undo',
  ]

  static flags = {
    api: Flags.string({description: 'API id or name (REST, HTTP or WebSocket)', required: true}),
    stage: Flags.string({description: 'stage name', required: true}),
    confirm: Flags.string({description: "the stage's name, to confirm the deletion without a prompt"}),
    force: Flags.boolean({description: 'REST: detach the stage from the usage plans that name it, then delete it', exclusive: ['undo']}),
    undo: Flags.boolean({description: 'instead of deleting: put the stage back in the usage plans an unfinished --force run took it from', exclusive: ['confirm']}),
    ...planFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(StagesDelete)
    if (flags.undo) {
      const undo = await prepareStageDetachUndo(await this.session(), {api: flags.api, stage: flags.stage})
      for (const notice of undo.notices) this.note(notice)
      if (!(await this.carryOut(undo.plan, {dryRun: flags['dry-run']}))) return
      await this.emit({data: undo.result, view: async () => (await import('../../cli/ui/detach-undo-view.js')).detachUndoneView})
      return
    }
    const deletion = await prepareStageDeletion(await this.session(), {api: flags.api, stage: flags.stage, force: flags.force})
    for (const notice of deletion.notices) this.note(notice)
    const run = await this.carryOut(deletion.plan, {dryRun: flags['dry-run'], confirmName: deletion.confirmName, confirmFlag: flags.confirm})
    if (!run) return
    await this.emit({data: deletion.deleted, view: async () => (await import('../../cli/ui/stages-view.js')).stageDeletedView})
  }
}
