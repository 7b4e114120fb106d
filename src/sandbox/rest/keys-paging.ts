import {badRequest} from '../http.js'

const DEFAULT_LIMIT = 25
const MAX_LIMIT = 500

/** What paging needs to know of a listed item. */
export interface Listed {
  id: string
  /** Epoch ms. */
  createdDate: number
}

export interface Page<T> {
  items: T[]
  /** Present when more items follow; pass it back as `position`. */
  position?: string
}

/**
 * One page of `items`, which are already in listing order (`newestFirst` says which way their
 * createdDate runs). A position names the last item returned and when it was created, so a page
 * boundary survives items created or deleted between calls, even the deletion of that very item
 * (a script deleting what it lists): paging then resumes at the first item no newer (or no older).
 */
export function pageOf<T>(items: T[], listed: (item: T) => Listed, query: URLSearchParams, newestFirst: boolean): Page<T> {
  const limit = pageLimit(query.get('limit'))
  const start = startIndex(items, listed, query.get('position'), newestFirst)
  const page = items.slice(start, start + limit)
  if (start + limit >= items.length) return {items: page}
  const last = listed(page[page.length - 1])
  return {items: page, position: Buffer.from(JSON.stringify([last.id, last.createdDate])).toString('base64url')}
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

function startIndex<T>(items: T[], listed: (item: T) => Listed, position: string | null, newestFirst: boolean): number {
  if (!position) return 0
  const [id, createdDate] = decodePosition(position)
  const after = items.findIndex((item) => listed(item).id === id)
  if (after !== -1) return after + 1
  const next = items.findIndex((item) => (newestFirst ? listed(item).createdDate <= createdDate : listed(item).createdDate >= createdDate))
  return next === -1 ? items.length : next
}

function decodePosition(position: string): [id: string, createdDate: number] {
  try {
    const [id, createdDate] = JSON.parse(Buffer.from(position, 'base64url').toString('utf8'))
    if (typeof id === 'string' && typeof createdDate === 'number') return [id, createdDate]
  } catch {
    // not one of ours: reported below
  }
  throw badRequest(`Invalid position specified: ${position}`)
}
