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
