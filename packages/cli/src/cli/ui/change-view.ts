import type {ChangeDescription} from '../../lib/change/index.js'
import type {Palette} from './palette.js'

/** A plan for people: what it does, then each AWS call with its exact input. */
export function changeView(data: {dryRun: boolean; plan: ChangeDescription}, colors: Palette): string {
  const heading = `${data.dryRun ? 'Plan (dry run, nothing changed)' : 'Plan'}: ${data.plan.summary}`
  const steps = data.plan.steps.map(
    (step) => `  ${step.step}. ${step.summary}\n     ${colors.dim(`${step.service} ${step.operation} ${JSON.stringify(step.input)}`)}`,
  )
  return [colors.bold(heading), ...steps].join('\n')
}
