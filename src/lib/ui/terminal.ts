/** Someone can answer a prompt: stdin and stderr are a terminal, and this is not CI. */
export function interactive(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY) && !process.env.CI
}
