// apigw/entry-points: another folder's files are reached through its index.ts only.
import {posix} from 'node:path'
import {importedFile, importVisitors, projectPath} from './paths.js'

/**
 * Options: {folders: RegExp source whose first group is the folder (one match per folder with a
 * door), entry: 'index.ts', exempt: [folders whose files are each public]}.
 */
export default {
  meta: {
    type: 'problem',
    docs: {description: "Code outside a lib domain imports it through the domain's index.ts, never its files."},
    // --fix points static imports at the door (tsc then says what the door does not export yet);
    // an import() is left to a person: it becomes a loader the domain exports.
    fixable: 'code',
    schema: [{type: 'object'}],
    messages: {
      internal: '{{to}} is inside {{folder}}: import it from {{folder}}/{{entry}}, its public door (export it there if it is missing).',
    },
  },
  create(context) {
    const {folders, entry = 'index.ts', exempt = []} = context.options[0] ?? {}
    const pattern = new RegExp(folders)
    const folderOf = (path) => {
      const folder = pattern.exec(path)?.[1]
      return folder === undefined || exempt.includes(folder) ? undefined : folder
    }
    const root = context.cwd
    const from = projectPath(root, context.filename)
    return importVisitors((node, specifier) => {
      const to = importedFile(root, context.filename, specifier)
      const folder = to === undefined ? undefined : folderOf(to)
      if (folder === undefined || from.startsWith(`${folder}/`) || to === `${folder}/${entry}`) return
      const door = posix.relative(posix.dirname(from), `${folder}/${entry}`).replace(/\.ts$/, '.js')
      const fix = node.parent.type === 'ImportExpression' ? undefined : (fixer) => fixer.replaceText(node, `'${door.startsWith('.') ? door : `./${door}`}'`)
      context.report({node, messageId: 'internal', data: {to, folder, entry}, fix})
    })
  },
}
