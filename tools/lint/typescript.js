// typescript-eslint loads TypeScript as a library and supports <6.1: this package's typescript (6.0).
// apigw itself compiles with TypeScript 7, the root's typescript, which has no JavaScript API. npm
// installs typescript-eslint's packages here, beside the TypeScript they need, but hoists ts-api-utils
// (which accepts any TypeScript) to the root, where require('typescript') would find 7. So, in the
// lint process, the toolchain's requests for 'typescript' resolve to this package's.
import {createRequire, registerHooks} from 'node:module'
import {pathToFileURL} from 'node:url'

const typescript = pathToFileURL(createRequire(import.meta.url).resolve('typescript')).href
const TOOLCHAIN = /\/node_modules\/(ts-api-utils|@typescript-eslint\/[^/]+|typescript-eslint)\//

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'typescript' && TOOLCHAIN.test(context.parentURL ?? '')) return {url: typescript, format: 'commonjs', shortCircuit: true}
    return nextResolve(specifier, context)
  },
})
