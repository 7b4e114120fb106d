/** Follows a token-paged AWS list (position for v1, NextToken for v2) to the end. */
export async function collectPages<T>(fetchPage: (token: string | undefined) => Promise<{items?: T[]; next?: string}>): Promise<T[]> {
  const all: T[] = []
  let token: string | undefined
  do {
    const page = await fetchPage(token)
    all.push(...(page.items ?? []))
    token = page.next
  } while (token)
  return all
}
