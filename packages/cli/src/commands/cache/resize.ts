import {ApigwCommand} from '../../cli/base-command.js'
import {cacheView, cacheWait, clusterFlags} from '../../cli/cache-flags.js'
import {Flags} from '../../cli/oclif/command.js'
import {CACHE_SIZES, parseCacheSize, prepareClusterChange} from '../../lib/cache/index.js'

export default class CacheResize extends ApigwCommand {
  static summary = "change the size of a REST stage's cache cluster (it is rebuilt: all cached data is lost)"
  static description =
    'One UpdateStage: replace /cacheClusterSize. AWS deletes the cluster and creates one of the new size, so every cached response is lost and, until the new one is AVAILABLE (up to about 4 minutes), every request goes to the backend: it says so, asks on a terminal and needs --yes elsewhere. --wait follows the status until AVAILABLE. --size must be one of AWS\'s sizes, checked before any AWS call; a stage without a cluster is refused (exit 5).'

  static examples = ['apigw cache resize --api shop --stage prod --size 6.1', 'apigw cache resize --api shop --stage prod --size 1.6 --yes --wait --json']

  static flags = {
    ...clusterFlags('the new cluster is AVAILABLE'),
    size: Flags.string({description: `new size in GB: ${CACHE_SIZES.join(', ')}`, required: true}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CacheResize)
    const size = parseCacheSize(flags.size)
    const wait = cacheWait(flags)
    const prepared = await prepareClusterChange(await this.session(), {api: flags.api, stage: flags.stage, action: 'resize', size, wait})
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: cacheView})
  }
}
