/** Bounded concurrency: the one pool every "N at a time" in the project goes through (S3 copies, fleets, terraform roots). */

/**
 * Runs `task` on each item with at most `limit` (at least 1) in flight, starting them in order; the results
 * come back in the items' order. The first rejection rejects the whole; tasks whose failures must not stop
 * the others catch them themselves.
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
