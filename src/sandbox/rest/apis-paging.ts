import {badRequest} from '../http.js'

const DEFAULT_LIMIT = 25
const MAX_LIMIT = 500

export interface Page<T> {
  items: T[]
  /** Present when more items follow; pass it back as `position`. */
  position?: string
}

/**
 * One page of `items` listed in the order of `sortKey` (unique per item). A position carries the
 * sort key of the last item returned, so paging resumes at the right place even when items are
 * created or deleted between calls.
 */
export function pageBySortKey<T>(items: T[], sortKey: (item: T) => string, query: URLSearchParams): Page<T> {
  const limit = pageLimit(query.get('limit'))
  const sorted = items.map((item) => ({item, key: sortKey(item)})).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const position = query.get('position')
  const after = position ? decodePosition(position) : undefined
  const rest = after === undefined ? sorted : sorted.filter(({key}) => key > after)
  const page = rest.slice(0, limit)
  if (rest.length <= limit) return {items: page.map(({item}) => item)}
  return {items: page.map(({item}) => item), position: Buffer.from(page[page.length - 1].key).toString('base64url')}
}

function pageLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_LIMIT
  const limit = Number(raw)
  if (Number.isInteger(limit) && limit > MAX_LIMIT)
    throw badRequest(`1 validation error detected: Value '${raw}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${MAX_LIMIT}`)
  if (!Number.isInteger(limit) || limit < 1)
    throw badRequest(`1 validation error detected: Value '${raw}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`)
  return limit
}

function decodePosition(position: string): string {
  const key = Buffer.from(position, 'base64url').toString('utf8')
  if (key === '' || Buffer.from(key).toString('base64url') !== position) throw badRequest(`Invalid position specified: ${position}`)
  return key
}
