import {BaseSequencer, type TestSpecification} from 'vitest/node'
import {defineConfig} from 'vitest/config'

// Four tiers, each runnable alone (npx vitest run --project commands); `npm test` runs them all.
// Both packages' tests are here: test/sandbox and test/conformance test packages/sandbox, the rest packages/cli.
// - unit: lib and cli modules, with fakes;
// - sandbox: the emulator, over HTTP and the SDKs, and checked against moto (test/conformance);
// - commands: apigw commands against a sandbox, run in the test process (test/helpers/in-process.ts),
//   with a process spawned only where a real one matters (Ctrl-C, two commands at once);
// - e2e: the real binary as a process: start-up, help and --version, the bundle, the demo, CI.
const tier = (name: string, include: string[]) => ({extends: true, test: {name, include}})

/**
 * The demo first: it takes longest, mostly waiting for its canaries to bake, so the other tests run
 * beside it instead of leaving it to run alone at the end (vitest would start it last on a fresh
 * clone, where it orders files by size).
 */
class DemoFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const demo = (file: TestSpecification) => file.moduleId.endsWith('/demo.test.ts')
    return [...sorted.filter(demo), ...sorted.filter((file) => !demo(file))]
  }
}

export default defineConfig({
  // Imports of the workspace package apigw-sandbox reach its TypeScript sources (its "source" export).
  ssr: {resolve: {conditions: ['source']}},
  test: {
    // A worker per core, not vitest's cores - 1: many tests wait (on timers, on processes they
    // started), so on a 2-core machine one worker would leave a core idle.
    maxWorkers: '100%',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    sequence: {sequencer: DemoFirst},
    // The in-process tier imports the built CLI (dist/), which Node loads as it is, not through Vite.
    server: {deps: {external: [/\/dist\//]}},
    projects: [
      tier('unit', ['test/unit/**/*.test.ts']),
      tier('sandbox', ['test/sandbox/**/*.test.ts', 'test/conformance/**/*.test.ts']),
      tier('commands', ['test/integration/**/*.test.ts']),
      tier('e2e', ['test/e2e/**/*.test.ts']),
    ],
  },
})
