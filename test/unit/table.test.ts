import {describe, expect, it} from 'vitest'
import {palette} from '../../packages/cli/src/cli/ui/palette.js'
import {renderTable} from '../../packages/cli/src/cli/ui/table.js'

describe('renderTable', () => {
  it('aligns columns two spaces apart, shows empty cells as "-" and trims line ends', () => {
    expect(renderTable(['ID', 'NAME', 'PLANS'], [['a1', 'partner', null], ['b22', 'x', 'gold']], palette(false))).toBe(
      ['ID   NAME     PLANS', 'a1   partner  -', 'b22  x        gold'].join('\n'),
    )
  })

  it('counts wide characters as two columns and ignores colour codes', () => {
    const red = palette(true).red('on')
    expect(renderTable(['A', 'B'], [['日本', red], ['abcde', 'x']], palette(false)).split('\n')).toEqual(['A      B', `日本   ${red}`, 'abcde  x'])
  })

  it('gives a cell with several lines as many rows', () => {
    expect(renderTable(['A', 'B'], [['x\ny', 1]], palette(false))).toBe(['A  B', 'x  1', 'y'].join('\n'))
  })

  it('lays out thousands of rows', () => {
    const rows = Array.from({length: 5000}, (_, index) => [`key${index}`, 'true'])
    const lines = renderTable(['ID', 'ENABLED'], rows, palette(false)).split('\n')
    expect(lines).toHaveLength(5001)
    expect(lines[5000]).toBe('key4999  true')
  })
})
