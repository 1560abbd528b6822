/** The one bounded-concurrency pool: never more than the limit in flight, results in the items' order. */
import { mapConcurrently } from "../../src/core/concurrency";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

test.each([1, 2, 3, 10])("limit %i: at most that many in flight, every item once, results in order", async (limit) => {
  const items = [5, 1, 4, 2, 3, 0, 6];
  let inFlight = 0;
  let most = 0;
  const started: number[] = [];
  const results = await mapConcurrently(items, limit, async (item, index) => {
    started.push(item);
    most = Math.max(most, ++inFlight);
    for (let i = 0; i <= item; i++) await tick(); // items finish out of order
    inFlight--;
    return `${index}:${item * 10}`;
  });
  expect(results).toEqual(items.map((item, index) => `${index}:${item * 10}`));
  expect(most).toBe(Math.min(limit, items.length));
  expect(started).toEqual(items); // started in order
});

test("a limit below one still makes progress, and no items need no worker", async () => {
  await expect(mapConcurrently([1, 2], 0, (x) => Promise.resolve(x + 1))).resolves.toEqual([2, 3]);
  await expect(mapConcurrently([], 4, () => Promise.reject(new Error("never called")))).resolves.toEqual([]);
});

test("a rejection rejects the whole", async () => {
  await expect(mapConcurrently([1, 2, 3], 2, (x) => (x === 2 ? Promise.reject(new Error("two failed")) : Promise.resolve(x)))).rejects.toThrow("two failed");
});
