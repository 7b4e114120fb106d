// apigw's ESLint setup: TypeScript parsed by typescript-eslint, and the rules that keep the layers
// apart (docs/architecture.md, "Layers"). This is a package of its own so that typescript-eslint gets
// the TypeScript it can load as a library (6.0, here), while apigw compiles with TypeScript 7.
import './typescript.js'
import tseslint from 'typescript-eslint'
import entryPoints from './rules/entry-points.js'
import layers from './rules/layers.js'
import noFolderCycles from './rules/no-folder-cycles.js'

export const plugin = {
  meta: {name: '@apigw/lint'},
  rules: {layers, 'entry-points': entryPoints, 'no-folder-cycles': noFolderCycles},
}

export const parser = tseslint.parser
