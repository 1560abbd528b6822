/** How many creators a local fleet run plans at once: the cores, unless free memory holds fewer roots. */
import { ROOT_MEMORY_BYTES, localConcurrency } from "../../src/fleet/local-concurrency";

const GiB = 2 ** 30;

test("as many roots as cores when memory holds them", () => {
  expect(localConcurrency({ cores: 2, freeBytes: 20 * GiB })).toBe(2);
  expect(localConcurrency({ cores: 16, freeBytes: 64 * GiB })).toBe(16);
});

test("fewer roots than cores when free memory holds fewer", () => {
  expect(localConcurrency({ cores: 16, freeBytes: 3 * GiB }, GiB)).toBe(3);
  expect(localConcurrency({ cores: 8, freeBytes: 2.5 * ROOT_MEMORY_BYTES })).toBe(2);
});

test("always at least one, even with no memory to spare or a fractional core count", () => {
  expect(localConcurrency({ cores: 4, freeBytes: 100 * 2 ** 20 })).toBe(1);
  expect(localConcurrency({ cores: 0.5, freeBytes: 8 * GiB })).toBe(1);
});
