/**
 * argv with `value` after `flag` where the flag was given bare (last, or followed by another flag):
 * oclif flags cannot have an optional value, so `--watch` alone means `--watch 30s`. For commands
 * without positional arguments, where a word after the flag can only be its value.
 */
export function withDefaultValue(argv: string[], flag: string, value: string): string[] {
  const at = argv.indexOf(flag)
  if (at === -1 || (at + 1 < argv.length && !argv[at + 1].startsWith('-'))) return argv
  return [...argv.slice(0, at + 1), value, ...argv.slice(at + 1)]
}
