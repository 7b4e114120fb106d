// What the rules share: which file an import names, and which folder counts as one unit.
import {existsSync} from 'node:fs'
import {dirname, join, relative, sep} from 'node:path'

/** A path relative to the project root, with forward slashes. */
export const projectPath = (root, file) => relative(root, file).split(sep).join('/')

/**
 * The project file a relative specifier names ('../keys/index.js' → 'src/lib/keys/index.ts'), or
 * undefined for a package. Sources import their TypeScript siblings by their built names (.js).
 */
export function importedFile(root, fromFile, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined
  const target = join(dirname(fromFile), specifier)
  const typescript = target.replace(/\.js$/, '.ts')
  return projectPath(root, existsSync(typescript) || !existsSync(target) ? typescript : target)
}

/** The folder a file counts in: its own folder, or the unit (a folder counted whole) it is under. */
export function unitOf(path, units) {
  const unit = units.find((folder) => path.startsWith(`${folder}/`))
  return unit ?? path.slice(0, path.lastIndexOf('/'))
}

/** Every import, export-from and import() in a file, as the specifier node and its text. */
export function importVisitors(check) {
  const visit = (node) => {
    if (node.source?.type === 'Literal' && typeof node.source.value === 'string') check(node.source, node.source.value)
  }
  return {ImportDeclaration: visit, ExportNamedDeclaration: visit, ExportAllDeclaration: visit, ImportExpression: visit}
}
