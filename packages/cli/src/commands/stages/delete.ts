import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {apiFlag, changeFlags, stageFlag} from '../../cli/flags.js'
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
    api: apiFlag('any'),
    stage: stageFlag(),
    confirm: Flags.string({description: "the stage's name, to confirm the deletion without a prompt"}),
    force: Flags.boolean({description: 'REST: detach the stage from the usage plans that name it, then delete it', exclusive: ['undo']}),
    undo: Flags.boolean({description: 'instead of deleting: put the stage back in the usage plans an unfinished --force run took it from', exclusive: ['confirm']}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(StagesDelete)
    if (flags.undo) {
      const undo = await prepareStageDetachUndo(await this.session(), {api: flags.api, stage: flags.stage})
      await this.applyChange(undo, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/detach-undo-view.js')).detachUndoneView})
      return
    }
    const deletion = await prepareStageDeletion(await this.session(), {api: flags.api, stage: flags.stage, force: flags.force})
    await this.applyChange(deletion, {dryRun: flags['dry-run'], confirmFlag: flags.confirm, view: async () => (await import('../../cli/ui/stages-view.js')).stageDeletedView})
  }
}
