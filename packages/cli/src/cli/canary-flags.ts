import type {CanaryChange} from '../lib/canary/index.js'
import type {TableView} from './ui/output.js'
import {apiFlag, changeFlags, stageFlag} from './flags.js'

/** Flags of every manual canary command. */
export const canaryFlags = {
  api: apiFlag('rest'),
  stage: stageFlag(),
  ...changeFlags,
}

/** How the manual canary commands print their result: the stage before and after. */
export const canaryChangeView = async (): Promise<TableView<CanaryChange>> => (await import('./ui/canary-change-view.js')).canaryChangeView
