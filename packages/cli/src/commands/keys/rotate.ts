import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags} from '../../cli/flags.js'
import {Args, Flags} from '../../cli/oclif/command.js'
import {parseGrace, prepareFinalize, prepareRotation} from '../../lib/keys/index.js'

const view = async () => (await import('../../cli/ui/rotation-view.js')).rotationView

export default class KeysRotate extends ApigwCommand {
  static summary = 'rotate an API key with a grace period: a new key in the same usage plans, the old one enabled until you finalize'
  static description =
    'Creates the new key (same name with a rotation suffix, same customer id and description, enabled), adds it to every usage plan of the old key and checks it is in exactly those, tags both keys (apigw:rotation-of, apigw:rotated-to, apigw:grace-until), then hands out the value: --out <file> (new, 0600), --show-value, or neither (the way to fetch it goes to stderr). The rotation lives in the keys\' tags: if a step fails (exit 8), the same command, from any machine, carries on where it stopped and never creates a second key. --finalize ends it (<key> may be the old or the new key): it disables the old key, refusing (exit 5) if the old key had requests yesterday or today unless --force, and with --delete deletes it; before the grace deadline it asks first. --grace 0 cuts the old key off at once (no traffic check: for a leaked key).'

  static examples = [
    'apigw keys rotate partner-a --out partner-a.key',
    'apigw keys rotate partner-a --grace 14d --show-value --json',
    'apigw keys rotations',
    'apigw keys rotate partner-a --finalize',
    'apigw keys rotate partner-a --finalize --delete --confirm partner-a',
    'apigw keys rotate partner-a --grace 0 --out partner-a.key --yes',
  ]

  static args = {key: Args.string({description: 'the key to rotate: id or name (with --finalize, the old or the new key)', required: true})}

  static flags = {
    grace: Flags.string({description: 'how long the old key stays enabled, e.g. 7d or 36h; 0 disables it at once (default: 7d)', exclusive: ['finalize']}),
    out: Flags.string({description: 'write the new value to this file, created with mode 0600 (never overwritten)', exclusive: ['finalize']}),
    'show-value': Flags.boolean({description: 'include the new value in the result', exclusive: ['finalize']}),
    finalize: Flags.boolean({description: 'end the rotation: disable the old key (refused if it had requests yesterday or today)'}),
    force: Flags.boolean({description: 'with --finalize: disable the old key even if it is still in use', dependsOn: ['finalize']}),
    delete: Flags.boolean({description: 'delete the old key rather than disable it (with --finalize or --grace 0); irreversible'}),
    confirm: Flags.string({description: "with --delete: the old key's name (or id, if it has none), to confirm without a prompt", dependsOn: ['delete']}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parseFlags(KeysRotate)
    const session = await this.session()
    if (flags.finalize) {
      const finalization = await prepareFinalize(session, {key: args.key, force: flags.force, delete: flags.delete, now: Date.now()})
      await this.applyChange(finalization, {dryRun: flags['dry-run'], confirmFlag: flags.confirm, view})
      return
    }
    const graceMs = flags.grace === undefined ? undefined : parseGrace(flags.grace)
    const rotation = await prepareRotation(session, {key: args.key, graceMs, delete: flags.delete, out: flags.out, showValue: flags['show-value'], now: Date.now()})
    await this.applyChange(rotation, {dryRun: flags['dry-run'], confirmFlag: flags.confirm, view})
  }
}
