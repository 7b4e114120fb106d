// apigw/no-folder-cycles: no two folders depend on each other, directly or through others.
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {importedFile, importVisitors, projectPath, unitOf} from './paths.js'

const SPECIFIERS = /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

const sourceFiles = (dir) =>
  readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.[cm]?[jt]s$/.test(entry.name) ? [join(dir, entry.name)] : [],
  )

/**
 * The folder graph of the tree as it is on disk: folder → folder it imports → one file that does.
 * Read once per process (one lint run), with a regular expression: it only needs the specifiers.
 */
const graphs = new Map()
function folderGraph(root, dirs, units) {
  const key = JSON.stringify([root, dirs, units])
  if (graphs.has(key)) return graphs.get(key)
  const graph = new Map()
  for (const file of dirs.flatMap((dir) => sourceFiles(join(root, dir)))) {
    const from = projectPath(root, file)
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIERS)) {
      const to = importedFile(root, file, match[1] ?? match[2])
      if (to === undefined) continue
      const [a, b] = [unitOf(from, units), unitOf(to, units)]
      if (a === b) continue
      if (!graph.has(a)) graph.set(a, new Map())
      if (!graph.get(a).has(b)) graph.get(a).set(b, `${from} imports ${to}`)
    }
  }
  graphs.set(key, graph)
  return graph
}

/** A path of folders from `start` to `goal`, each step with the import that makes it, or undefined. */
function pathBetween(graph, start, goal) {
  const cameFrom = new Map([[start, undefined]])
  const queue = [start]
  while (queue.length > 0) {
    const folder = queue.shift()
    if (folder === goal) {
      const steps = []
      for (let at = goal; cameFrom.get(at) !== undefined; at = cameFrom.get(at)) steps.unshift(graph.get(cameFrom.get(at)).get(at))
      return steps
    }
    for (const next of graph.get(folder)?.keys() ?? []) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, folder)
        queue.push(next)
      }
    }
  }
  return undefined
}

/**
 * Options: {dirs: ['src'] (what the graph is read from), units: [folders counted whole, subfolders and
 * all]}.
 */
export default {
  meta: {
    type: 'problem',
    docs: {description: 'No folder cycles: when folder A imports folder B, nothing in B may lead back to A.'},
    schema: [{type: 'object'}],
    messages: {
      cycle: '{{from}} imports {{toFolder}}, which already depends on {{fromFolder}} ({{path}}): folders must not import each other; move the shared piece to where it belongs.',
    },
  },
  create(context) {
    const {dirs = ['src'], units = []} = context.options[0] ?? {}
    const root = context.cwd
    const from = projectPath(root, context.filename)
    const fromFolder = unitOf(from, units)
    return importVisitors((node, specifier) => {
      const to = importedFile(root, context.filename, specifier)
      if (to === undefined) return
      const toFolder = unitOf(to, units)
      if (toFolder === fromFolder) return
      const back = pathBetween(folderGraph(root, dirs, units), toFolder, fromFolder)
      if (back) context.report({node, messageId: 'cycle', data: {from, toFolder, fromFolder, path: back.join('; ')}})
    })
  },
}
