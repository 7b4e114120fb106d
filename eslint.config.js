// The layering rules (docs/architecture.md, "Layers"), checked by `npm run lint` (part of `npm test`).
import {parser, plugin} from '@apigw/lint'

const CLI = 'packages/cli/src'
const SANDBOX = 'packages/sandbox/src'

/** Layers, highest first: a file is in the first whose pattern matches, and imports only from `may`. */
const layers = [
  {name: 'commands', files: `^${CLI}/commands/`, may: ['commands', 'cli', 'lib', 'lib/sandbox', 'lib/aws', 'lib/util']},
  {name: 'cli', files: `^${CLI}/cli/`, may: ['cli', 'lib', 'lib/sandbox', 'lib/aws', 'lib/util']},
  {name: 'lib/aws', files: `^${CLI}/lib/aws/`, may: ['lib/aws', 'lib/util']},
  {name: 'lib/util', files: `^${CLI}/lib/(util/|errors\\.ts$)`, may: ['lib/util']},
  // The CLI's client of the sandbox: it starts, finds and drives one (the package apigw-sandbox).
  {name: 'lib/sandbox', files: `^${CLI}/lib/sandbox/`, may: ['lib/sandbox', 'lib', 'lib/aws', 'lib/util']},
  {name: 'lib', files: `^${CLI}/lib/`, may: ['lib', 'lib/sandbox', 'lib/aws', 'lib/util']},
  {name: 'sandbox', files: `^${SANDBOX}/`, may: ['sandbox']},
]

const terminalPackages = ['@oclif/*', '@inquirer/*', 'ansis', 'cli-table3']
const awsPackages = ['@aws-sdk/*', '@smithy/*']
const banned = (groups, message) => ['error', {patterns: [{group: groups, message}]}]

export default [
  {
    files: ['packages/*/src/**/*.ts'],
    languageOptions: {parser},
    plugins: {apigw: plugin},
    rules: {
      'apigw/layers': ['error', {layers}],
      'apigw/entry-points': ['error', {folders: `^(${CLI}/lib/[^/]+)/`, entry: 'index.ts', exempt: [`${CLI}/lib/util`]}],
      // The sandbox's folders import each other (server ↔ rest, v2, …): it counts as one folder.
      'apigw/no-folder-cycles': ['error', {dirs: [CLI, SANDBOX], units: [SANDBOX]}],
    },
  },
  {
    files: [`${CLI}/lib/**/*.ts`],
    ignores: [`${CLI}/lib/aws/**`, `${CLI}/lib/sandbox/**`],
    rules: {
      'no-restricted-imports': banned(
        [...awsPackages, ...terminalPackages, 'apigw-sandbox', 'apigw-sandbox/*'],
        'lib reaches AWS only through lib/aws and the sandbox only through lib/sandbox, and never the terminal or oclif (those are the CLI side).',
      ),
    },
  },
  {
    files: [`${CLI}/lib/sandbox/**/*.ts`],
    rules: {'no-restricted-imports': banned([...awsPackages, ...terminalPackages], 'lib reaches AWS only through lib/aws, and never the terminal or oclif (those are the CLI side).')},
  },
  {
    files: [`${CLI}/lib/aws/**/*.ts`, `${SANDBOX}/**/*.ts`],
    rules: {'no-restricted-imports': banned(terminalPackages, 'the terminal and oclif belong to the CLI side (packages/cli/src/cli, packages/cli/src/commands).')},
  },
  {
    files: [`${CLI}/commands/**/*.ts`, `${CLI}/cli/**/*.ts`],
    rules: {
      'no-restricted-imports': banned(
        [...awsPackages, 'apigw-sandbox', 'apigw-sandbox/*'],
        'commands reach AWS through lib (its gateways are in lib/aws), and the sandbox through lib/sandbox.',
      ),
    },
  },
]
