import {badRequest} from '../http.js'
import type {Tags} from '../model.js'

/** AWS's tagging limits: tags per resource, key and value lengths. */
export const MAX_TAGS = 50
const MAX_KEY_LENGTH = 128
const MAX_VALUE_LENGTH = 256
/** Letters, digits, spaces and _ . : / = + - @, AWS's tag character set. */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u

/** The tags of a TagResource body, each checked against AWS's limits (400 naming the first bad one). */
export function checkedTags(tags: unknown): Tags {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) throw badRequest('tags is required: a map of tag keys to values')
  for (const [key, value] of Object.entries(tags)) {
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) throw badRequest(`Tag keys must be 1 to ${MAX_KEY_LENGTH} characters long; '${shortened(key)}' has ${key.length}`)
    if (key.toLowerCase().startsWith('aws:')) throw badRequest(`Tag keys starting with 'aws:' are reserved for AWS's own use: '${key}'`)
    if (typeof value !== 'string') throw badRequest(`The value of tag '${key}' must be a string`)
    if (value.length > MAX_VALUE_LENGTH) throw badRequest(`Tag values must be at most ${MAX_VALUE_LENGTH} characters long; the value of '${key}' has ${value.length}`)
    if (!TAG_CHARACTERS.test(key) || !TAG_CHARACTERS.test(value)) throw badRequest(`Tag '${key}' has characters outside letters, digits, spaces and _ . : / = + - @`)
  }
  return tags as Tags
}

/** A resource's tags after TagResource: new keys added, existing ones overwritten, at most 50 in all. */
export function tagsAfter(current: Tags, added: Tags): Tags {
  const tags = {...current, ...added}
  const count = Object.keys(tags).length
  if (count > MAX_TAGS) throw badRequest(`A resource can have at most ${MAX_TAGS} tags; this request would leave it with ${count}`)
  return tags
}

/** A long key cut short for a message. */
const shortened = (key: string) => (key.length > 40 ? `${key.slice(0, 40)}…` : key)
