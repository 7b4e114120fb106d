import type {SandboxContext} from '../context.js'
import type {Router} from '../http.js'

// Placeholder until this service lands.
export function registerRestApis(_router: Router, _context: SandboxContext): void {}
