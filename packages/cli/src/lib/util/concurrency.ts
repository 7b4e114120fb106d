/** Calls in flight at once when apigw reads many things (each plan's keys, say): AWS's reads share 10 requests a second per account. */
export const AWS_FAN_OUT = 5

/**
 * `work` applied to every item with at most `limit` calls in flight, started in the items' order,
 * results in the items' order: a fan-out that stays inside AWS's shared rate instead of bursting past it.
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index], index)
    }
  }
  await Promise.all(Array.from({length: Math.max(1, Math.min(limit, items.length))}, worker))
  return results
}
