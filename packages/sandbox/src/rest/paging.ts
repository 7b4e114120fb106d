import {REST_PAGE_LIMIT_MAX} from '../facts.js'
import {badRequest} from '../http.js'

/**
 * REST (v1) list paging: `limit` (1–500, default 25) items a page, and an opaque `position`
 * (base64url) naming where the page ended, so paging resumes at the right place even when items
 * are created or deleted between calls.
 */

const DEFAULT_LIMIT = 25

export interface Page<T> {
  items: T[]
  /** Present when more items follow; pass it back as `position`. */
  position?: string
}

/** What creation-order paging needs to know of a listed item. */
export interface Listed {
  id: string
  /** Epoch ms. */
  createdDate: number
}

/** One page of `items` listed in the order of `sortKey` (unique per item); a position carries the last item's sort key. */
export function pageBySortKey<T>(items: T[], sortKey: (item: T) => string, query: URLSearchParams): Page<T> {
  const limit = pageLimit(query.get('limit'))
  const sorted = items.map((item) => ({item, key: sortKey(item)})).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const position = query.get('position')
  const after = position ? decodeSortKey(position) : undefined
  const start = after === undefined ? 0 : indexOrEnd(sorted, ({key}) => key > after)
  const page = pageAt(sorted, start, limit, ({key}) => key)
  return {items: page.items.map(({item}) => item), position: page.position}
}

/**
 * One page of `items`, which are already in listing order (`newestFirst` says which way their
 * createdDate runs). A position names the last item returned and when it was created, so a page
 * boundary survives even the deletion of that very item (a script deleting what it lists):
 * paging then resumes at the first item no newer (or no older).
 */
export function pageInCreationOrder<T>(items: T[], listed: (item: T) => Listed, query: URLSearchParams, newestFirst: boolean): Page<T> {
  const limit = pageLimit(query.get('limit'))
  const start = creationStart(items, listed, query.get('position'), newestFirst)
  return pageAt(items, start, limit, (last) => JSON.stringify([listed(last).id, listed(last).createdDate]))
}

/** `limit` items from `start`, with a position made from the last of them when more follow. */
function pageAt<T>(items: T[], start: number, limit: number, positionOf: (last: T) => string): Page<T> {
  const page = items.slice(start, start + limit)
  if (start + limit >= items.length) return {items: page}
  return {items: page, position: Buffer.from(positionOf(page[page.length - 1])).toString('base64url')}
}

function pageLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_LIMIT
  const limit = Number(raw)
  if (Number.isInteger(limit) && limit > REST_PAGE_LIMIT_MAX)
    throw badRequest(`1 validation error detected: Value '${raw}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${REST_PAGE_LIMIT_MAX}`)
  if (!Number.isInteger(limit) || limit < 1)
    throw badRequest(`1 validation error detected: Value '${raw}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`)
  return limit
}

const indexOrEnd = <T>(items: T[], predicate: (item: T) => boolean) => {
  const index = items.findIndex(predicate)
  return index === -1 ? items.length : index
}

function creationStart<T>(items: T[], listed: (item: T) => Listed, position: string | null, newestFirst: boolean): number {
  if (!position) return 0
  const [id, createdDate] = decodeCreation(position)
  const after = items.findIndex((item) => listed(item).id === id)
  if (after !== -1) return after + 1
  return indexOrEnd(items, (item) => (newestFirst ? listed(item).createdDate <= createdDate : listed(item).createdDate >= createdDate))
}

const invalidPosition = (position: string) => badRequest(`Invalid position specified: ${position}`)
const positionText = (position: string) => Buffer.from(position, 'base64url').toString('utf8')

function decodeSortKey(position: string): string {
  const key = positionText(position)
  if (key === '' || Buffer.from(key).toString('base64url') !== position) throw invalidPosition(position)
  return key
}

function decodeCreation(position: string): [id: string, createdDate: number] {
  try {
    const [id, createdDate] = JSON.parse(positionText(position))
    if (typeof id === 'string' && typeof createdDate === 'number') return [id, createdDate]
  } catch {
    // not one of ours: reported below
  }
  throw invalidPosition(position)
}
