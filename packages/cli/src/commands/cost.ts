import {readFile} from 'node:fs/promises'
import {ApigwCommand} from '../cli/base-command.js'
import {apiFlag, metricWindowFlags, windowOf} from '../cli/flags.js'
import {Flags} from '../cli/oclif/command.js'
import {loadCost, parsePrices, US_EAST_1, type Prices} from '../lib/cost/index.js'
import {usageError} from '../lib/errors.js'
import {targets} from '../lib/fleet/index.js'
import {failedTargetsExit, fleetFlags} from '../cli/fleet-flags.js'
import {parseWindow} from '../lib/util/window.js'

export default class Cost extends ApigwCommand {
  static summary = "what an API's requests and cache clusters cost, and what a REST API would cost as an HTTP API"
  static description =
    "Requests per API over the last --since (default 30d) from CloudWatch (Count; for WebSocket MessageCount, and ConnectCount as connection minutes) × the price tiers of its kind, and each REST stage's cache cluster hours × the hourly price of its size, in USD. The prices are us-east-1's as published when apigw was written (their date and source are printed); --prices takes a JSON file of the same shape for another region or newer prices. For a REST API that uses no REST-only feature, what the same requests would cost as an HTTP API. What is assumed is listed with the figures (docs/fleet.md#cost)."

  static examples = ['apigw cost --all', 'apigw cost --api shop --since 7d', 'apigw cost --all --prices prices-eu-west-1.json --json', 'apigw cost --all --regions us-east-1,eu-west-1 --profiles prod,staging']

  static flags = {
    api: apiFlag('any', {required: false, exclusive: ['all']}),
    all: Flags.boolean({description: 'every API of the region'}),
    ...metricWindowFlags('30d'),
    prices: Flags.string({description: 'a JSON price table to use instead of the one apigw carries (docs/fleet.md#prices)'}),
    ...fleetFlags(['all']),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(Cost)
    if (!flags.api && !flags.all) throw usageError('--api names the API to cost, or --all costs every API of the region.', ['Try: apigw cost --all'])
    const window = parseWindow(windowOf(flags), '30d')
    const prices = flags.prices === undefined ? US_EAST_1 : await pricesFrom(flags.prices)
    const {readCost, readFleetCost} = await loadCost()
    const view = async () => (await import('../cli/ui/cost-view.js')).costView
    const specs = targets({regions: flags.regions, profiles: flags.profiles})
    if (!specs) return this.emit({data: await readCost(await this.session(), {api: flags.api, sinceMs: window.sinceMs, clock: window.clock, prices}), view})
    const report = await readFleetCost(specs, (spec) => this.targetSession(spec), {sinceMs: window.sinceMs, clock: window.clock, prices})
    const exit = failedTargetsExit(report, flags.strict, (message) => this.warning(message))
    await this.emit({data: report, view})
    if (exit !== undefined) this.exit(exit)
  }
}

async function pricesFrom(file: string): Promise<Prices> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw usageError(`--prices ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, ['Try: --prices <path of a JSON price table>'], 'INVALID_PRICES')
  }
  return parsePrices(text, file)
}
