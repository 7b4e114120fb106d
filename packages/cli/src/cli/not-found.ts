import {usageError} from '../lib/errors.js'
import {closestMatches} from '../lib/util/text.js'

interface NotFoundOptions {
  id: string
  config: {bin: string; commandIDs: string[]; topics: Array<{name: string}>}
}

/**
 * oclif's command_not_found hook: one error naming the words that are not a command, the nearest
 * commands, and the help to read (the topic's, when the first word is a topic). run-oclif reports it.
 */
export default async function commandNotFound({id, config}: NotFoundOptions): Promise<never> {
  const asTyped = (commandId: string) => commandId.replaceAll(':', ' ')
  const wanted = asTyped(id)
  // A command, then words it does not take (`keys create partner-a`): those words are the mistake.
  const words = id.split(':')
  for (let count = words.length - 1; count > 0; count--) {
    const command = words.slice(0, count).join(':')
    if (!config.commandIDs.includes(command)) continue
    const extra = words.slice(count).join(' ')
    throw usageError(`${config.bin} ${asTyped(command)} takes no argument "${extra}": its input is given with flags.`, [`Try: ${config.bin} ${asTyped(command)} --help`], 'UNEXPECTED_ARGUMENT')
  }
  const topic = config.topics.find((candidate) => candidate.name === id.split(':')[0])
  // Within a known topic, compare only the words after it: they all share the topic's name.
  const prefix = topic ? `${topic.name} ` : ''
  const candidates = config.commandIDs.map(asTyped).filter((command) => command.startsWith(prefix))
  const nearest = closestMatches(wanted.slice(prefix.length), candidates.map((command) => command.slice(prefix.length))).map((rest) => prefix + rest)
  const suggestions = [
    // `apigw version` is a common guess at the --version flag.
    ...(wanted === 'version' ? [`Try: ${config.bin} --version`] : []),
    ...(nearest.length > 0 ? [`Did you mean: ${nearest.map((command) => `${config.bin} ${command}`).join(', ')}?`] : []),
    `Try: ${config.bin} help${topic ? ` ${topic.name}` : ''} (lists the available commands)`,
  ]
  throw usageError(`"${wanted}" is not an ${config.bin} command.`, suggestions, 'UNKNOWN_COMMAND')
}
