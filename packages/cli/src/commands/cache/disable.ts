import {ApigwCommand} from '../../cli/base-command.js'
import {cacheView, cacheWait, clusterFlags} from '../../cli/cache-flags.js'
import {prepareClusterChange} from '../../lib/cache/index.js'

export default class CacheDisable extends ApigwCommand {
  static summary = "delete a REST stage's cache cluster"
  static description =
    'One UpdateStage: replace /cacheClusterEnabled false. The cluster and its data are deleted and every request goes to the backend; billing stops once it is gone. Destructive: asks on a terminal, needs --yes elsewhere. --wait follows the status until NOT_AVAILABLE. The stage\'s method caching settings stay, for the next cluster.'

  static examples = ['apigw cache disable --api shop --stage dev', 'apigw cache disable --api shop --stage dev --yes --wait']

  static flags = clusterFlags('the cluster is deleted (NOT_AVAILABLE)')

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CacheDisable)
    const wait = cacheWait(flags)
    const prepared = await prepareClusterChange(await this.session(), {api: flags.api, stage: flags.stage, action: 'disable', wait})
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: cacheView})
  }
}
