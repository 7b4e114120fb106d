import {Flags} from '../../cli/oclif/command.js'
import {ApigwCommand} from '../../cli/base-command.js'
import {changeFlags} from '../../cli/flags.js'
import {prepareKeyCreation} from '../../lib/keys/index.js'
import {checkKeyCreateOptions} from '../../lib/keys/index.js'

export default class KeysCreate extends ApigwCommand {
  static summary = 'create an API key, enabled, optionally in usage plans'
  static description =
    "Creates a key (CreateApiKey) with enabled set explicitly (AWS's default is disabled), then adds it to each --plan (CreateUsagePlanKey). AWS generates the value unless one comes on stdin (--value-stdin) or from a file (--value-file), never as a flag argument. A generated value is printed only with --show-value, or written to a new file readable only by you with --out."
  static examples = [
    'apigw keys create --name partner-acme --plan gold --customer acme --out acme.key',
    'apigw keys create --name ci-smoke --plan free --show-value --json',
    'vault read -field=value secret/acme | apigw keys create --name partner-acme --value-stdin --plan gold',
    'apigw keys create --name spare --disabled --dry-run',
  ]

  static flags = {
    name: Flags.string({description: 'the key name', required: true}),
    description: Flags.string({description: 'a description'}),
    plan: Flags.string({description: 'a usage plan (id or name) to add the key to (repeatable)', multiple: true}),
    customer: Flags.string({description: 'the customer id (AWS Marketplace)'}),
    'value-stdin': Flags.boolean({description: 'read the key value from stdin instead of letting AWS generate one', exclusive: ['value-file']}),
    'value-file': Flags.string({description: 'read the key value from this file instead of letting AWS generate one'}),
    enabled: Flags.boolean({description: 'create the key enabled (the default)', exclusive: ['disabled']}),
    disabled: Flags.boolean({description: 'create the key disabled'}),
    out: Flags.string({description: 'write the value to this new file, mode 0600 (never overwrites)'}),
    'show-value': Flags.boolean({description: 'print the value'}),
    tag: Flags.string({description: 'a tag, key=value (repeatable)', multiple: true}),
    ...changeFlags,
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(KeysCreate)
    // Checked, and the value read, before the session exists: a bad value never reaches AWS.
    const request = await checkKeyCreateOptions({
      name: flags.name,
      description: flags.description,
      plans: flags.plan ?? [],
      customerId: flags.customer,
      enabled: !flags.disabled,
      value: {stdin: flags['value-stdin'] ? process.stdin : undefined, file: flags['value-file']},
      out: flags.out,
      showValue: flags['show-value'],
      tags: flags.tag ?? [],
    })
    if (request.value !== undefined) this.maskSecrets([request.value])
    const creation = await prepareKeyCreation(await this.session(), request, {onGeneratedValue: (value) => this.maskSecrets([value])})
    await this.applyChange(creation, {dryRun: flags['dry-run'], view: async () => (await import('../../cli/ui/keys-view.js')).keyCreatedView})
  }
}
