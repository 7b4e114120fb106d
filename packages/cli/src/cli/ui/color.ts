export interface ColorInputs {
  /** true for --color, false for --no-color, undefined when neither was given. */
  flag?: boolean
  env: Record<string, string | undefined>
  isTTY: boolean
}

/** Colour only on a TTY, unless --color/--no-color, NO_COLOR, FORCE_COLOR or TERM=dumb say otherwise. */
export function colorEnabled({flag, env, isTTY}: ColorInputs): boolean {
  if (flag !== undefined) return flag
  if (env.NO_COLOR) return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  if (env.TERM === 'dumb') return false
  return isTTY
}
