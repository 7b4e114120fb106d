import {Flags} from './oclif/command.js'
import {OUTPUT_FORMATS} from '../lib/util/output-formats.js'

/** Flags every apigw command accepts (docs/global-flags.md). */
export const globalFlags = {
  profile: Flags.string({description: 'AWS profile to use (default: AWS_PROFILE, else the default profile)', helpGroup: 'GLOBAL'}),
  region: Flags.string({description: 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile\'s region)', helpGroup: 'GLOBAL'}),
  'endpoint-url': Flags.string({
    description: "send AWS calls to this endpoint, e.g. a sandbox (default: AWS_ENDPOINT_URL_<SERVICE>, the profile's services section, AWS_ENDPOINT_URL, the profile's endpoint_url)",
    helpGroup: 'GLOBAL',
  }),
  sandbox: Flags.boolean({
    description: 'run against the local sandbox (also APIGW_SANDBOX=1), starting one in the background if none is running',
    helpGroup: 'GLOBAL',
    exclusive: ['endpoint-url', 'profile'],
  }),
  output: Flags.option({options: OUTPUT_FORMATS, char: 'o', description: "output format (default: AWS_DEFAULT_OUTPUT, else the profile's output, else table)", helpGroup: 'GLOBAL'})(),
  json: Flags.boolean({description: 'same as --output json', helpGroup: 'GLOBAL', exclusive: ['output']}),
  query: Flags.string({description: 'JMESPath query applied to the JSON result (AWS CLI semantics)', helpGroup: 'GLOBAL'}),
  color: Flags.boolean({description: 'colour output (default: only on a TTY; honours NO_COLOR, FORCE_COLOR)', allowNo: true, helpGroup: 'GLOBAL'}),
  yes: Flags.boolean({char: 'y', description: 'answer yes to confirmations (required for destructive changes without a TTY)', helpGroup: 'GLOBAL'}),
  debug: Flags.boolean({description: 'print AWS calls, timings and stack traces to stderr', helpGroup: 'GLOBAL'}),
  'ca-bundle': Flags.string({
    description: 'PEM file of the CAs to trust for TLS, instead of the default ones (default: AWS_CA_BUNDLE, then the profile\'s ca_bundle)',
    helpGroup: 'GLOBAL',
  }),
  'no-verify-ssl': Flags.boolean({description: 'do not check TLS certificates (warns on stderr; only to diagnose)', helpGroup: 'GLOBAL'}),
  'cli-connect-timeout': Flags.integer({description: 'seconds to wait for a connection, 0 for no limit (default 60, within --retry-budget)', min: 0, helpGroup: 'GLOBAL'}),
  'cli-read-timeout': Flags.integer({description: 'seconds an endpoint may stay silent while apigw waits for its answer, 0 for no limit (default 60, within --retry-budget)', min: 0, helpGroup: 'GLOBAL'}),
  'retry-budget': Flags.string({
    description: 'how long to keep retrying throttled or unavailable AWS calls, e.g. 60s, 5m',
    default: '60s',
    helpGroup: 'GLOBAL',
  }),
}
