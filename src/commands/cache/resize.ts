import {CacheCommand, clusterFlags} from '../../cli/cache-command.js'
import {Flags} from '../../cli/oclif/command.js'
import {CACHE_SIZES, parseCacheSize, prepareClusterChange} from '../../lib/cache/index.js'

export default class CacheResize extends CacheCommand {
  static summary = "change the size of a REST stage's cache cluster (it is rebuilt: all cached data is lost)"
  static description =
    'One UpdateStage: replace /cacheClusterSize. AWS deletes the cluster and creates one of the new size, so every cached response is lost and, until the new one is AVAILABLE (up to about 4 minutes), every request goes to the backend: it says so, asks on a terminal and needs --yes elsewhere. --wait follows the status until AVAILABLE. --size must be one of AWS\'s sizes, checked before any AWS call; a stage without a cluster is refused (exit 5).'

  static examples = ['apigw cache resize --api shop --stage prod --size 6.1', 'apigw cache resize --api shop --stage prod --size 1.6 --yes --wait --json']

  static flags = {
    ...clusterFlags('wait until the new cluster is AVAILABLE'),
    size: Flags.string({description: `new size in GB: ${CACHE_SIZES.join(', ')}`, required: true}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CacheResize)
    const size = parseCacheSize(flags.size)
    const timeoutMs = this.timeoutMs(flags.timeout)
    const prepared = await prepareClusterChange(await this.session(), {api: flags.api, stage: flags.stage, action: 'resize', size})
    await this.applyCacheChange(prepared, {dryRun: flags['dry-run'], wait: flags.wait, timeoutMs})
  }
}
