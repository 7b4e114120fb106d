import {Args, Flags} from '../../../cli/oclif/command.js'
import {ApigwCommand} from '../../../cli/base-command.js'
import {cacheView} from '../../../cli/cache-flags.js'
import {apiFlag, changeFlags, stageFlag} from '../../../cli/flags.js'
import {parseCachedMethod, parseMethodCaching, prepareMethodCaching, UNAUTHORIZED_STRATEGIES} from '../../../lib/cache/index.js'
import {usageError} from '../../../lib/errors.js'

const ON_OFF = ['on', 'off']

export default class CacheMethodSet extends ApigwCommand {
  static summary = "change how one method's responses (or every method's, --all) are cached on a REST stage"
  static description =
    "One UpdateStage of patch operations on the method's exact paths: /~1pets~1{id}/GET/caching/enabled, …/caching/ttlInSeconds, …/caching/dataEncrypted, …/caching/requireAuthorizationForCacheControl and …/caching/unauthorizedCacheControlHeaderStrategy (each \"/\" of the resource path written ~1), or /*/*/caching/… with --all. The method must exist on the API (exit 4 otherwise, with the methods it has). A method with no settings of its own follows --all's, but only a GET is cached that way; other methods need their own. Settings that already have the value are left alone; adding (turning caching on) runs at once, changing a value in force (a TTL, turning caching off) needs --yes without a terminal."

  static examples = [
    "apigw cache method set --api shop --stage prod 'GET /pets/{id}' --enabled on --ttl 60",
    "apigw cache method set --api shop --stage prod 'GET /pets' --require-auth on --unauthorized fail --dry-run",
    'apigw cache method set --api shop --stage prod --all --ttl 120 --encrypt on --yes',
  ]

  static args = {
    method: Args.string({description: "the method and resource path, e.g. 'GET /pets/{id}' (or --all)"}),
  }

  static flags = {
    api: apiFlag('rest'),
    stage: stageFlag(),
    all: Flags.boolean({description: 'every method: the stage-wide settings (*/*)'}),
    enabled: Flags.option({options: ON_OFF, description: 'cache the responses'})(),
    ttl: Flags.string({description: 'how long responses are cached, in seconds, 0–3600'}),
    encrypt: Flags.option({options: ON_OFF, description: 'encrypt the cached responses'})(),
    'require-auth': Flags.option({options: ON_OFF, description: 'require authorization for a client to invalidate the cache (Cache-Control: max-age=0)'})(),
    unauthorized: Flags.option({options: Object.keys(UNAUTHORIZED_STRATEGIES), description: 'an unauthorized invalidation: fail (403), header (ignore it, with a warning header) or ignore (silently)'})(),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(CacheMethodSet)
    if (Boolean(flags.all) === (args.method !== undefined)) {
      throw usageError(flags.all ? 'Give either a method or --all, not both.' : "Name the method, like 'GET /pets/{id}', or --all for every method.", ["Try: apigw cache method set --api <api> --stage <stage> 'GET /pets/{id}' --enabled on"])
    }
    const method = args.method === undefined ? null : parseCachedMethod(args.method)
    const caching = parseMethodCaching({enabled: flags.enabled, ttl: flags.ttl, encrypt: flags.encrypt, requireAuth: flags['require-auth'], unauthorized: flags.unauthorized})
    const prepared = await prepareMethodCaching(await this.session(), {api: flags.api, stage: flags.stage, method, caching})
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: cacheView})
  }
}
