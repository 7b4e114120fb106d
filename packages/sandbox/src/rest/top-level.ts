import type {SandboxContext} from '../context.js'
import {empty, notFound, type Router} from '../http.js'

/** Top-level REST records keyed by their id alone (client certificates, VPC links): finding and deleting them. */

/** The record, or AWS's 404 for it in `message`. */
export function requireRecord<T>(context: SandboxContext, table: string, id: string, message: string): T {
  const record = context.store.get<T>(table, id)
  if (!record) throw notFound(message)
  return record
}

/** `DELETE <collection>/{id}`: 202 once the record is gone, 404 if there was none. */
export function registerDelete(router: Router, context: SandboxContext, collection: string, table: string, message: string): void {
  router.add('DELETE', `${collection}/{id}`, (_request, {id}) => {
    requireRecord(context, table, id, message)
    context.store.delete(table, id)
    return empty(202)
  })
}
