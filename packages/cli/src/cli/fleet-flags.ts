import {ExitCode} from '../lib/errors.js'
import {failedTargets, type TargetReport} from '../lib/fleet/index.js'
import {Flags} from './oclif/command.js'

/** --regions, --profiles and --strict of a fleet view (docs/fleet.md); `dependsOn`: the flag that makes it a fleet view (--all). */
export const fleetFlags = (dependsOn?: string[]) => ({
  regions: Flags.string({description: 'read these regions, comma-separated, or all (every region API Gateway is offered in)', dependsOn}),
  profiles: Flags.string({description: 'read with these AWS profiles (one account each), comma-separated', dependsOn}),
  strict: Flags.boolean({description: 'exit 8 when a region or profile could not be read (else each is reported on its own row, and the exit is 0)', dependsOn}),
})

/**
 * Says on stderr which targets could not be read; the exit code when --strict makes that a failure.
 * A failure is reported, not fatal: the other targets' results are the output.
 */
export function failedTargetsExit(run: {targets: TargetReport[]}, strict: boolean, warn: (message: string) => void): number | undefined {
  const failed = failedTargets(run)
  for (const target of failed) warn(`${[target.profile && `profile ${target.profile}`, target.region].filter(Boolean).join(', ')}: not read: ${target.error!.message}`)
  return failed.length > 0 && strict ? ExitCode.partial : undefined
}
