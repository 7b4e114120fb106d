// apigw/layers: a file imports only from the layers its own layer may use.
import {importedFile, importVisitors, projectPath} from './paths.js'

/**
 * Options: {layers: [{name, files: RegExp source, may: [layer names]}]}.
 * A file belongs to the first layer whose pattern matches its path; files in no layer are not checked.
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
    const {layers} = context.options[0] ?? {}
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
      context.report({node, messageId: 'upward', data: {from, layer: own.name, target: target.name, to, may: own.may.join(', ')}})
    })
  },
}
