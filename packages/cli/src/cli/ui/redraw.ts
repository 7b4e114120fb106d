/**
 * Redraws a block of text in place on a terminal: each draw moves the cursor back up over the
 * previous block and clears it (ANSI), so a live view never scrolls. Lines are cut to the
 * terminal's width, so that the count of lines to move up stays true.
 */
export function redrawer(stream: NodeJS.WriteStream) {
  let height = 0
  return {
    draw(text: string): void {
      const width = stream.columns || 120
      const lines = text.split('\n').map((line) => cutVisible(line, width - 1))
      stream.write(`${height > 0 ? `\x1b[${height}F\x1b[J` : ''}${lines.join('\n')}\n`)
      height = lines.length
    },
    /** Leaves the last block on screen: the next draw starts below it. */
    release(): void {
      height = 0
    },
  }
}

/** A line cut to `width` visible characters, colour codes kept whole. */
export function cutVisible(line: string, width: number): string {
  let visible = 0
  let out = ''
  for (const part of line.split(/(\x1b\[[0-9;]*m)/)) {
    if (part.startsWith('\x1b[')) out += part
    else {
      const room = Math.max(0, width - visible)
      out += part.slice(0, room)
      visible += Math.min(part.length, room)
    }
  }
  return out
}
