// The layering rules (docs/architecture.md, "Layers"), checked by `npm run lint` (part of `npm test`).
import {parser, plugin} from '@apigw/lint'

/** Layers, highest first: a file is in the first whose pattern matches, and imports only from `may`. */
const layers = [
  {name: 'commands', files: '^src/commands/', may: ['commands', 'cli', 'lib', 'lib/sandbox', 'lib/aws', 'lib/util', 'sandbox']},
  {name: 'cli', files: '^src/cli/', may: ['cli', 'lib', 'lib/sandbox', 'lib/aws', 'lib/util', 'sandbox']},
  {name: 'lib/aws', files: '^src/lib/aws/', may: ['lib/aws', 'lib/util']},
  {name: 'lib/util', files: '^src/lib/(util/|errors\\.ts$)', may: ['lib/util']},
  // The CLI's client of the sandbox: it starts, finds and drives one.
  {name: 'lib/sandbox', files: '^src/lib/sandbox/', may: ['lib/sandbox', 'lib', 'lib/aws', 'lib/util', 'sandbox']},
  {name: 'lib', files: '^src/lib/', may: ['lib', 'lib/sandbox', 'lib/aws', 'lib/util']},
  {name: 'sandbox', files: '^src/sandbox/', may: ['sandbox']},
]

const terminalPackages = ['@oclif/*', '@inquirer/*', 'ansis', 'cli-table3']
const awsPackages = ['@aws-sdk/*', '@smithy/*']
const banned = (groups, message) => ['error', {patterns: [{group: groups, message}]}]

export default [
  {
    files: ['src/**/*.ts'],
    languageOptions: {parser},
    plugins: {apigw: plugin},
    rules: {
      'apigw/layers': ['error', {layers}],
      'apigw/entry-points': ['error', {folders: '^(src/lib/[^/]+)/', entry: 'index.ts', exempt: ['src/lib/util']}],
      // The sandbox's folders import each other (server ↔ rest, v2, …): it counts as one folder until
      // it is its own package.
      'apigw/no-folder-cycles': ['error', {dirs: ['src'], units: ['src/sandbox']}],
    },
  },
  {
    files: ['src/lib/**/*.ts'],
    ignores: ['src/lib/aws/**'],
    rules: {'no-restricted-imports': banned([...awsPackages, ...terminalPackages], 'lib reaches AWS only through lib/aws, and never the terminal or oclif (those are the CLI side).')},
  },
  {
    files: ['src/lib/aws/**/*.ts', 'src/sandbox/**/*.ts'],
    rules: {'no-restricted-imports': banned(terminalPackages, 'the terminal and oclif belong to the CLI side (src/cli, src/commands).')},
  },
  {
    files: ['src/commands/**/*.ts', 'src/cli/**/*.ts'],
    rules: {'no-restricted-imports': banned(awsPackages, 'commands reach AWS through lib (its gateways are in lib/aws).')},
  },
]
