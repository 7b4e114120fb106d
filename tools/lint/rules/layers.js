// apigw/layers: a file imports only from the layers its own layer may use.
import {excepted, importedFile, importVisitors, projectPath} from './paths.js'

/**
 * Options: {layers: [{name, files: RegExp source, may: [layer names]}], exceptions: [{from, to, why}]}.
 * A file belongs to the first layer whose pattern matches its path; files in no layer are not checked.
 * An exception names one file and one file it may import for now, and why.
 */
export default {
  meta: {
    type: 'problem',
    docs: {description: 'Imports go down the layers only: commands → cli → lib domains → lib/aws → lib/util.'},
    schema: [{type: 'object'}],
    messages: {
      upward: '{{from}} is in layer "{{layer}}", which may not import "{{target}}" ({{to}}): {{layer}} may use {{may}}.',
    },
  },
  create(context) {
    const {layers, exceptions = []} = context.options[0] ?? {}
    const compiled = layers.map((layer) => ({...layer, pattern: new RegExp(layer.files)}))
    const layerOf = (path) => compiled.find((layer) => layer.pattern.test(path))
    const root = context.cwd
    const from = projectPath(root, context.filename)
    const own = layerOf(from)
    if (!own) return {}
    return importVisitors((node, specifier) => {
      const to = importedFile(root, context.filename, specifier)
      const target = to === undefined ? undefined : layerOf(to)
      if (!target || own.may.includes(target.name)) return
      if (excepted(exceptions, from, to)) return
      context.report({node, messageId: 'upward', data: {from, layer: own.name, target: target.name, to, may: own.may.join(', ')}})
    })
  },
}
