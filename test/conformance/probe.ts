import type {sdkClients} from '../helpers/sandbox.js'

export type Clients = ReturnType<typeof sdkClients>

interface Response {
  $metadata: {httpStatusCode?: number}
}

/**
 * One scenario's view of one target: its SDK clients, and the means to turn what it answers into data
 * that compares across targets (generated ids and dates differ between any two runs, shapes must not).
 */
export class Probe {
  private readonly labels = new Map<string, string>()

  /** `regional` gives the same target's clients signing for another region. */
  constructor(
    readonly clients: Clients,
    private readonly regional: (region: string) => Clients,
  ) {}

  /** The target's clients in another region (docs/aws-behaviour.md#regions-are-independent). */
  inRegion(region: string): Clients {
    return this.regional(region)
  }

  get rest() {
    return this.clients.rest
  }

  get v2() {
    return this.clients.v2
  }

  get cloudWatch() {
    return this.clients.cloudWatch
  }

  /** Names a generated id (or value), so that it reads `<name>` wherever it appears in an observation. */
  label<T extends string | undefined>(value: T, name: string): T {
    if (value) this.labels.set(value, `<${name}>`)
    return value
  }

  /** A response as comparable data: no `$metadata`, dates as `<date>`, labelled values by their name. */
  observe(value: unknown): unknown {
    if (value instanceof Date) return '<date>'
    if (typeof value === 'string') return this.relabel(value)
    if (Array.isArray(value)) return value.map((item) => this.observe(item))
    if (value && typeof value === 'object') {
      const entries = Object.entries(value).filter(([key, item]) => key !== '$metadata' && item !== undefined)
      return Object.fromEntries(entries.map(([key, item]) => [this.relabel(key), this.observe(item)]))
    }
    return value
  }

  /**
   * How a call that must fail failed: SDK error name, HTTP status and (unless told otherwise) message.
   * A call that succeeds instead is observed as such, so the comparison shows what came back.
   */
  async failure(call: Promise<unknown>, {message = true} = {}): Promise<unknown> {
    try {
      return {unexpectedSuccess: this.observe(await call)}
    } catch (error) {
      const {name, $metadata} = error as Error & Partial<Response>
      const failure = {error: name, status: $metadata?.httpStatusCode}
      return message ? {...failure, message: this.relabel((error as Error).message)} : failure
    }
  }

  private relabel(text: string): string {
    let result = text
    for (const [value, name] of this.labels) result = result.replaceAll(value, name)
    return result
  }
}

/** The HTTP status a call answered with. */
export const statusOf = (response: Response) => response.$metadata.httpStatusCode

/** Only the named keys of a record, and only those it has: absent keys stay absent. */
export function pick<T extends object, K extends keyof T>(record: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => record[key] !== undefined).map((key) => [key, record[key]])) as Partial<Pick<T, K>>
}

/** Sorts observations by a text key, for lists whose order AWS does not promise. */
export const sortedBy = <T>(items: readonly T[], key: (item: T) => string): T[] => [...items].sort((a, b) => key(a).localeCompare(key(b)))

/** One behaviour, run the same way against every target. */
export type Scenario = {
  name: string
  /** Runs against a freshly reset target and returns what it observed. */
  run(probe: Probe): Promise<unknown>
} & (
  | {
      /** What AWS answers (docs/aws-behaviour.md, or the AWS service model); when given, every target must answer it. */
      aws?: unknown
      motoDiffers?: undefined
    }
  | {
      /** Why moto's answer is not AWS's: the sandbox is then held to `aws` alone, and moto must still differ. */
      motoDiffers: string
      aws: unknown
    }
)
