export interface ColorInputs {
  /** false for --no-color, undefined when the flag was not given. */
  flag?: boolean
  env: Record<string, string | undefined>
  isTTY: boolean
}

/** Colour only on a TTY, unless NO_COLOR, TERM=dumb or --no-color say otherwise, or FORCE_COLOR asks for it. */
export function colorEnabled({flag, env, isTTY}: ColorInputs): boolean {
  if (flag === false) return false
  if (env.NO_COLOR) return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  if (env.TERM === 'dumb') return false
  return isTTY
}
