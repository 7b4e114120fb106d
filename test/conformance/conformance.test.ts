import {describe, expect, it} from 'vitest'
import {moto, sandbox, useMotoAndSandbox} from '../helpers/moto-and-sandbox.js'
import {controlFetch, sdkClients} from '../helpers/sandbox.js'
import {Probe} from './probe.js'
import {scenarios, type Scenario} from './scenarios.js'

interface Target {
  endpoint: string
  reset(): Promise<void>
}

async function resetSandbox(): Promise<void> {
  const response = await controlFetch(sandbox, 'reset', {method: 'POST'})
  if (!response.ok) throw new Error(`sandbox reset failed: ${response.status}`)
}

/** Runs a scenario on a clean target. */
async function observe(target: Target, scenario: Scenario): Promise<unknown> {
  await target.reset()
  return scenario.run(new Probe(sdkClients(target.endpoint), (region) => sdkClients(target.endpoint, region)))
}

const title = (scenario: Scenario) => (scenario.motoDiffers ? `${scenario.name} (moto differs: ${scenario.motoDiffers})` : scenario.name)

// One moto and one sandbox for the whole file; each scenario starts both from a clean account.
describe('conformance: the sandbox answers as moto does', () => {
  useMotoAndSandbox()
  const sandboxTarget = (): Target => ({endpoint: sandbox.endpoint, reset: resetSandbox})

  for (const scenario of scenarios) {
    it(title(scenario), async () => {
      const [motoAnswer, sandboxAnswer] = await Promise.all([observe(moto, scenario), observe(sandboxTarget(), scenario)])
      if (scenario.motoDiffers) {
        // The reason must still hold: once moto answers as AWS does, the scenario should compare again.
        expect(motoAnswer, 'moto now answers as AWS does: drop motoDiffers').not.toStrictEqual(scenario.aws)
      } else {
        if (scenario.aws !== undefined) expect(motoAnswer, 'moto').toStrictEqual(scenario.aws)
        expect(sandboxAnswer, 'sandbox against moto').toStrictEqual(motoAnswer)
      }
      if (scenario.aws !== undefined) expect(sandboxAnswer, 'sandbox against AWS').toStrictEqual(scenario.aws)
    })
  }
})
