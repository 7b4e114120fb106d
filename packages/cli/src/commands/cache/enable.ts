import {ApigwCommand} from '../../cli/base-command.js'
import {cacheView, cacheWait, clusterFlags} from '../../cli/cache-flags.js'
import {Flags} from '../../cli/oclif/command.js'
import {CACHE_SIZES, parseCacheSize, parseTtl, prepareClusterChange} from '../../lib/cache/index.js'

export default class CacheEnable extends ApigwCommand {
  static summary = "create a REST stage's cache cluster and turn caching on for its GET methods"
  static description =
    'One UpdateStage: /cacheClusterEnabled true and /cacheClusterSize, and stage-wide caching on (/*/*/caching/enabled, with --ttl as /*/*/caching/ttlInSeconds and --encrypt as /*/*/caching/dataEncrypted): AWS then caches the GET methods; other methods need `apigw cache method set`. A cluster is billed by the hour and takes up to about 4 minutes to create; --wait follows its status until AVAILABLE. --size must be one of AWS\'s sizes, checked before any AWS call. A stage whose cluster has another size is refused (exit 5): that is `apigw cache resize`. HTTP and WebSocket APIs have no stage cache (exit 2).'

  static examples = [
    'apigw cache enable --api shop --stage prod',
    'apigw cache enable --api shop --stage prod --size 1.6 --ttl 60 --encrypt --wait',
    'apigw cache enable --api shop --stage prod --size 0.5 --dry-run',
  ]

  static flags = {
    ...clusterFlags('the cluster is AVAILABLE'),
    size: Flags.string({description: `cluster size in GB: ${CACHE_SIZES.join(', ')} (default: 0.5)`}),
    ttl: Flags.string({description: "how long responses are cached, in seconds, 0–3600 (default: AWS's 300)"}),
    encrypt: Flags.boolean({description: 'encrypt the cached responses'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CacheEnable)
    const size = flags.size === undefined ? undefined : parseCacheSize(flags.size)
    const ttl = flags.ttl === undefined ? undefined : parseTtl(flags.ttl)
    const wait = cacheWait(flags)
    const prepared = await prepareClusterChange(await this.session(), {api: flags.api, stage: flags.stage, action: 'enable', size, ttl, encrypt: flags.encrypt, wait})
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: cacheView})
  }
}
