// The reference for fast help (src/cli/fast-help.ts): oclif itself, run as apigw's entry point runs it,
// for each argv given (a JSON list of argv lists). Prints, or writes to the file named next, a JSON
// list of what oclif wrote to stdout for each. Without a terminal colour is off, as apigw's entry point turns it off; on one (under script(1))
// oclif paints as it would for apigw. OCLIF_COLUMNS in the environment sets the width, as for apigw.
import {writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

if (!process.stdout.isTTY) process.env.NO_COLOR = '1'
// oclif and ansis read the environment when they load.
const {flush, run} = await import('@oclif/core')
// The package's folder, as bin/run.js gives it to oclif.
const root = fileURLToPath(new URL('../../packages/cli/', import.meta.url))

const write = process.stdout.write.bind(process.stdout)
const texts = []
for (const argv of JSON.parse(process.argv[2])) {
  let text = ''
  process.stdout.write = (chunk) => ((text += chunk), true)
  // A fresh configuration each time: oclif's help rewrites the ids of the commands it lists.
  await run(argv, root)
  await flush()
  process.stdout.write = write
  texts.push(text)
}
// To a file when one is named (on a terminal, stderr's warnings would mix in), else to stdout.
if (process.argv[3]) writeFileSync(process.argv[3], JSON.stringify(texts))
else write(JSON.stringify(texts))
