import type {Clock} from './clock.js'
import type {AuthorizerStub} from './rest/authorizer-stub.js'
import type {Store} from './store.js'

/** What a handler works with: one region's state (see regions.ts), and what all regions share. */
export interface SandboxContext {
  /** This region's tables. */
  store: Store
  clock: Clock
  /** How long cache clusters take to be created, deleted and flushed. */
  transitionDelayMs: number
  /** The region this context serves. */
  region: string
  accountId: string
  /** A new random identifier of `length` lowercase letters and digits. */
  newId(length: number): string
  /** Answers for what the sandbox cannot run, set through /_sandbox/*: one set per sandbox, shared by its regions. */
  stubs: {authorizer?: Partial<AuthorizerStub>}
}
