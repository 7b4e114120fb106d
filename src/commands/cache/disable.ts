import {CacheCommand, clusterFlags} from '../../cli/cache-command.js'
import {prepareClusterChange} from '../../lib/cache/index.js'

export default class CacheDisable extends CacheCommand {
  static summary = "delete a REST stage's cache cluster"
  static description =
    'One UpdateStage: replace /cacheClusterEnabled false. The cluster and its data are deleted and every request goes to the backend; billing stops once it is gone. Destructive: asks on a terminal, needs --yes elsewhere. --wait follows the status until NOT_AVAILABLE. The stage\'s method caching settings stay, for the next cluster.'

  static examples = ['apigw cache disable --api shop --stage dev', 'apigw cache disable --api shop --stage dev --yes --wait']

  static flags = clusterFlags('wait until the cluster is deleted (NOT_AVAILABLE)')

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CacheDisable)
    const timeoutMs = this.timeoutMs(flags.timeout)
    const prepared = await prepareClusterChange(await this.session(), {api: flags.api, stage: flags.stage, action: 'disable'})
    await this.applyCacheChange(prepared, {dryRun: flags['dry-run'], wait: flags.wait, timeoutMs})
  }
}
