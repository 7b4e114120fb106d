import {usageError} from '../errors.js'

/** AWS's stage names (docs/aws-behaviour.md#stage-names): letters, digits, - and _, up to 128; HTTP and WebSocket APIs also have $default. */
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/
export const DEFAULT_STAGE = '$default'

/**
 * Refuses, before any AWS call, a stage name no API can have (exit 2), so that a command that would
 * create the stage creates nothing. $default passes here: whether the API can have it (HTTP and
 * WebSocket only) is known once the API is.
 */
export function checkStageName(stage: string, flag = '--stage'): void {
  if (stage !== DEFAULT_STAGE && !STAGE_NAME.test(stage)) {
    throw usageError(`${flag} "${stage}" is not a stage name: stage names are letters, digits, - and _ (up to 128), or $default for HTTP and WebSocket APIs.`, [`Try: ${flag} beta`], 'INVALID_STAGE_NAME')
  }
}
