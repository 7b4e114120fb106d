import {Ansis} from 'ansis'

export type Palette = InstanceType<typeof Ansis>

/** An ansis instance that emits colour codes only when `enabled` (level 0 makes every style a no-op). */
export function palette(enabled: boolean): Palette {
  return new Ansis(enabled ? 3 : 0)
}
