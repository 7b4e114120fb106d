import {ApigwCommand} from '../cli/base-command.js'
import {reportToCi} from '../cli/ci/index.js'
import {apiFlag, changeFlags, stageFlag} from '../cli/flags.js'
import {Flags} from '../cli/oclif/command.js'
import {globalFlags} from '../cli/global-flags.js'
import {failedTargetsExit, fleetFlags} from '../cli/fleet-flags.js'
import {CHECK_IDS, SEVERITIES, prepareDoctorFix, runDoctor, runFleetDoctor, selectChecks, toSarif, type DoctorReport} from '../lib/doctor/index.js'
import {ExitCode, usageError} from '../lib/errors.js'
import {targets} from '../lib/fleet/index.js'
import {OUTPUT_FORMATS} from '../lib/util/output-formats.js'

export default class Doctor extends ApigwCommand {
  static summary = 'audit APIs and stages against the production checklist; --fix fixes what can be fixed as one change'
  static description =
    `One entry per finding: the check, its severity, the resource, what is wrong, why it matters and the command that fixes it. Checks: ${CHECK_IDS.join(', ')} (docs/doctor.md maps each to Security Hub, Control Tower, Prowler and Checkov). Without --api, every API and stage of the region (--all says so explicitly), read once each with at most 5 APIs at a time, with progress on stderr; the table ends with the counts and the number of AWS calls made. Exit 0 when nothing is at or above --fail-on (default high), 1 otherwise. -o sarif prints SARIF 2.1.0 for code scanning; in GitHub Actions each finding is an annotation and the findings go to the job summary (docs/ci.md). With --regions and --profiles (and --all), the audit runs once per region of each account, and each finding names its account and region (docs/fleet.md#doctor); a region or profile that could not be read is reported, and exits 8 with --strict unless a finding exits 1. --fix makes the fixable findings ONE change through the stage settings (execution logging ERROR, data trace off, X-Ray on, access logs in JSON to --access-log or a group made per stage, stage throttle 1000:500, cache encryption, --tag on untagged stages), read back and audited again; it never changes authorization, WAF, secrets, domains or usage plans, and lists their steps instead.`
  static examples = [
    'apigw doctor',
    'apigw doctor --api shop --stage prod --fail-on medium',
    'apigw doctor --all -o sarif > apigw.sarif',
    'apigw doctor --all --regions us-east-1,eu-west-1 --profiles prod,staging --strict',
    'apigw doctor --fix --api shop --checks execution-logging-off,xray-off --dry-run',
    'apigw doctor --fix --api shop --access-log arn:aws:logs:us-east-1:123456789012:log-group:shop-access --tag owner=payments --yes',
  ]

  static flags = {
    api: apiFlag('any', {required: false, exclusive: ['all']}),
    stage: stageFlag({required: false, exclusive: ['all']}),
    all: Flags.boolean({description: 'every API and stage of the region (the default without --api)'}),
    checks: Flags.string({description: 'only these checks, comma-separated (default: all of them)'}),
    'fail-on': Flags.option({options: SEVERITIES, description: 'exit 1 when a finding is at or above this severity', default: 'high' as const})(),
    // The global --output, with SARIF besides: the one command whose result is also a code scanning report.
    output: Flags.option({options: [...OUTPUT_FORMATS, 'sarif'] as const, char: 'o', description: `${globalFlags.output.description}; or sarif (SARIF 2.1.0)`, helpGroup: 'GLOBAL'})(),
    fix: Flags.boolean({description: 'fix the fixable findings as one change (confirmation, --dry-run, read back)'}),
    'access-log': Flags.string({description: 'with --fix: the CloudWatch Logs log group ARN that stages without access logs send them to (JSON format); without it, --fix makes a group per stage, /aws/apigateway/<api id>/<stage>', dependsOn: ['fix']}),
    tag: Flags.string({description: 'with --fix: a tag for untagged stages (REST, HTTP, WebSocket), key=value (repeatable)', multiple: true, dependsOn: ['fix']}),
    ...changeFlags,
    ...fleetFlags(['all']),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(Doctor)
    if (flags.stage !== undefined && flags.api === undefined) throw usageError('--stage needs --api: it names a stage of one API.', ['Try: apigw doctor --api shop --stage prod'])
    if (flags['dry-run'] && !flags.fix) throw usageError('--dry-run goes with --fix: doctor alone changes nothing.', ['Try: apigw doctor --fix --dry-run'])
    const checks = flags.checks?.split(',').map((id: string) => id.trim()).filter((id: string) => id !== '')
    selectChecks(checks)
    const tags = parseTags(flags.tag ?? [])
    const sarif = (flags.output as string | undefined) === 'sarif'
    if (sarif && flags.fix) throw usageError('-o sarif is for the audit; --fix prints what it changed.', ['Try: apigw doctor --fix --json'])
    const specs = targets({regions: flags.regions, profiles: flags.profiles})
    if (specs && flags.fix) throw usageError('--fix changes one region of one account at a time; --regions and --profiles are for the audit.', ['Try: apigw doctor --fix --profile prod --region eu-west-1 --dry-run'])
    const options = {api: flags.api, stage: flags.stage, checks, failOn: flags['fail-on']}
    if (flags.fix) {
      const prepared = await prepareDoctorFix(await this.session(), {...options, onProgress: this.progress(flags.api === undefined), accessLogArn: flags['access-log'], tags})
      await this.applyChange(prepared, {dryRun: flags['dry-run'], view: async () => (await import('../cli/ui/doctor-view.js')).doctorFixView})
      return
    }
    let report: DoctorReport
    let partial: number | undefined
    if (specs) {
      const fleet = await runFleetDoctor(specs, (spec) => this.targetSession(spec), options)
      partial = failedTargetsExit(fleet, flags.strict, (message) => this.warning(message))
      report = fleet
    } else {
      report = (await runDoctor(await this.session(), {...options, onProgress: this.progress(flags.api === undefined)})).report
    }
    if (sarif) process.stdout.write(`${JSON.stringify(toSarif(report, this.config.version), null, 2)}\n`)
    else await this.emit({data: report, view: async () => (await import('../cli/ui/doctor-view.js')).doctorView})
    // A finding at or above --fail-on is the answer, whatever could not be read: 1 wins over --strict's 8 (docs/fleet.md#doctor).
    const exitCode = report.pass ? (partial ?? ExitCode.ok) : ExitCode.negative
    await reportToCi({command: 'doctor', result: report, exitCode})
    if (exitCode !== ExitCode.ok) this.exit(exitCode)
  }

  /** "Auditing 12/40 APIs" redrawn on a terminal's stderr; nothing elsewhere, and nothing for one API. */
  private progress(many: boolean): ((done: number, total: number) => void) | undefined {
    if (!many || !process.stderr.isTTY) return undefined
    return (done, total) => {
      const width = 20
      const filled = Math.round((done / Math.max(total, 1)) * width)
      process.stderr.write(`\r\x1b[KAuditing [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} APIs${done === total ? '\n' : ''}`)
    }
  }
}

function parseTags(values: string[]): Record<string, string> {
  const tags: Record<string, string> = {}
  for (const text of values) {
    const split = text.indexOf('=')
    if (split <= 0) throw usageError(`--tag "${text}" needs key=value.`, ['Try: --tag owner=payments'], 'INVALID_TAG')
    tags[text.slice(0, split)] = text.slice(split + 1)
  }
  return tags
}
