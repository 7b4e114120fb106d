import {fileURLToPath} from 'node:url'
import {ESLint} from 'eslint'
import {describe, expect, it} from 'vitest'

// The layering rules of eslint.config.js, each shown failing on a file that breaks it. The files are
// linted as if they stood at the given path in packages/, beside the real tree (which the cycle rule reads).
const eslint = new ESLint({cwd: fileURLToPath(new URL('../..', import.meta.url))})

async function lint(path: string, code: string): Promise<Array<{rule: string | null; message: string}>> {
  const [result] = await eslint.lintText(code, {filePath: path})
  return result.messages.map(({ruleId, message}) => ({rule: ruleId, message}))
}

describe('the layering rules', () => {
  it('pass a lib file that imports other domains and lib/aws through their doors', async () => {
    const code = "import {planNames} from '../usage-plans/index.js'\nimport type {AwsSession} from '../aws/index.js'\nimport {plural} from '../util/text.js'\n"
    expect(await lint('packages/cli/src/lib/keys/fixture.ts', code)).toEqual([])
  })

  it('refuse lib importing the CLI side (apigw/layers)', async () => {
    // A new domain, which nothing imports yet: only the layer is wrong.
    expect(await lint('packages/cli/src/lib/fresh/fixture.ts', "import {colorEnabled} from '../../cli/ui/color.js'\n")).toEqual([
      {
        rule: 'apigw/layers',
        message: 'packages/cli/src/lib/fresh/fixture.ts is in layer "lib", which may not import "cli" (packages/cli/src/cli/ui/color.ts): lib may use lib, lib/sandbox, lib/aws, lib/util.',
      },
    ])
  })

  it('refuse the sandbox importing the CLI or lib (apigw/layers)', async () => {
    const messages = await lint('packages/sandbox/src/fixture.ts', "import {ExitCode} from '../../cli/src/lib/errors.js'\nimport {reportFailure} from '../../cli/src/cli/report.js'\n")
    const layers = messages.filter((m) => m.rule === 'apigw/layers').map((m) => m.message)
    expect(layers).toEqual([expect.stringContaining('(packages/cli/src/lib/errors.ts): sandbox may use sandbox.'), expect.stringContaining('(packages/cli/src/cli/report.ts): sandbox may use sandbox.')])
  })

  it('refuse lib/aws importing a domain (apigw/layers)', async () => {
    const messages = await lint('packages/cli/src/lib/aws/fixture.ts', "import {resolveApi} from '../catalog/index.js'\n")
    // catalog stands on lib/aws, so this is a cycle as well.
    expect(messages.map((m) => m.rule)).toEqual(['apigw/layers', 'apigw/no-folder-cycles'])
  })

  it("refuse reaching into another domain's files (apigw/entry-points)", async () => {
    expect(await lint('packages/cli/src/lib/keys/fixture.ts', "import {planNames} from '../usage-plans/references.js'\n")).toEqual([
      {
        rule: 'apigw/entry-points',
        message: 'packages/cli/src/lib/usage-plans/references.ts is inside packages/cli/src/lib/usage-plans: import it from packages/cli/src/lib/usage-plans/index.ts, its public door (export it there if it is missing).',
      },
    ])
  })

  it('point static imports at the door with --fix, and leave import() to a person', async () => {
    const fixing = new ESLint({cwd: fileURLToPath(new URL('../..', import.meta.url)), fix: true})
    const code = "import {planNames} from '../usage-plans/references.js'\nexport const later = () => import('../usage-plans/references.js')\n"
    const [result] = await fixing.lintText(code, {filePath: 'packages/cli/src/lib/keys/fixture.ts'})
    expect(result.output).toBe("import {planNames} from '../usage-plans/index.js'\nexport const later = () => import('../usage-plans/references.js')\n")
    expect(result.messages.map((m) => m.ruleId)).toEqual(['apigw/entry-points'])
  })

  it('refuse an import that closes a folder cycle (apigw/no-folder-cycles)', async () => {
    // lib/canary already imports lib/metrics (its gates), so metrics may not import canary back.
    const [message, ...more] = await lint('packages/cli/src/lib/metrics/fixture.ts', "import type {RolloutSettings} from '../canary/index.js'\n")
    expect(more).toEqual([])
    expect(message.rule).toBe('apigw/no-folder-cycles')
    expect(message.message).toMatch(/^packages\/cli\/src\/lib\/metrics\/fixture\.ts imports packages\/cli\/src\/lib\/canary, which already depends on packages\/cli\/src\/lib\/metrics \(packages\/cli\/src\/lib\/canary\/\S+ imports packages\/cli\/src\/lib\/metrics\/index\.ts\)/)
  })

  it('refuse oclif and the terminal in lib, and the AWS SDK outside lib/aws (no-restricted-imports)', async () => {
    const oclif = await lint('packages/cli/src/lib/keys/fixture.ts', "import {Command} from '@oclif/core'\n")
    expect(oclif).toEqual([{rule: 'no-restricted-imports', message: expect.stringContaining('never the terminal or oclif')}])
    const sdk = await lint('packages/cli/src/commands/apis/fixture.ts', "import {APIGatewayClient} from '@aws-sdk/client-api-gateway'\n")
    expect(sdk).toEqual([{rule: 'no-restricted-imports', message: expect.stringContaining('commands reach AWS through lib')}])
  })

  it('refuse the sandbox package outside lib/sandbox (no-restricted-imports)', async () => {
    const fromLib = await lint('packages/cli/src/lib/keys/fixture.ts', "import {TOKEN_HEADER} from 'apigw-sandbox/contract'\n")
    expect(fromLib).toEqual([{rule: 'no-restricted-imports', message: expect.stringContaining('the sandbox only through lib/sandbox')}])
    expect(await lint('packages/cli/src/lib/sandbox/fixture.ts', "import {TOKEN_HEADER} from 'apigw-sandbox/contract'\n")).toEqual([])
  })
})
