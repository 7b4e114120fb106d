import type {Clock} from './clock.js'
import type {Store} from './store.js'

export interface SandboxContext {
  store: Store
  clock: Clock
  /** How long cache clusters take to be created, deleted and flushed. */
  transitionDelayMs: number
  region: string
  accountId: string
  /** A new random identifier of `length` lowercase letters and digits. */
  newId(length: number): string
}
