/**
 * Token resolution that hands cdktf only the parts of a value that can hold tokens. cdktf's resolver walks every
 * string, number, array and object of an element, making a context object and running regular expressions at each
 * one; a MediaLive channel is hundreds of plain settings around a handful of references, and that walk was about a
 * third of a fleet synth's CPU (issue 20).
 *
 * A value is passed to cdktf, unchanged and whole, when it could be a token or hold one (the tests in each branch
 * below are supersets of cdktf's own: a token marker anywhere in a string or key, an encoded token number, an object
 * with resolve(), anything but a plain object or array); everything else is copied as cdktf would copy it: undefined
 * array items and object values dropped, other values as they are. test/generators/token-fast-path.test.ts holds it
 * equal to cdktf's resolve on random values with tokens of every kind.
 */

/** cdktf's token markers (${TfToken[, #{TfToken[, &{TfToken[) share this. */
const TOKEN_MARKER = "TfToken[";
/** cdktf looks for concatenated token numbers in every string with this pattern (encoding.js NUMBER_TOKEN_REGEX). */
const NUMBER_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;
/** cdktf's map-token placeholders (Token.STRING_MAP_TOKEN_VALUE, ANY_MAP_TOKEN_VALUE, NUMBER_MAP_TOKEN_VALUE). */
const MAP_TOKEN_STRINGS = new Set(["String Map Token Value", "Any Map Token Value"]);
const MAP_TOKEN_NUMBER = -123456789;
/** Encoded token numbers have a 0xfdff or 0xfbff top half: magnitudes near 1e289 and above. */
const LARGEST_PLAIN_NUMBER = 1e200;
/** cdktf refuses deeper values as circular; leave those to it. */
const MAX_DEPTH = 200;

const plainString = (s: string) => !s.includes(TOKEN_MARKER) && !NUMBER_IN_STRING.test(s) && !MAP_TOKEN_STRINGS.has(s);
const plainNumber = (n: number) => Number.isFinite(n) && Math.abs(n) < LARGEST_PLAIN_NUMBER && n !== MAP_TOKEN_NUMBER;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (value as { resolve?: unknown }).resolve !== "function";
}

/** The resolved value, calling `resolveWithCdktf` for each part that may hold a token. */
export function resolveTokensFast(value: unknown, resolveWithCdktf: (part: unknown) => unknown, depth = 0): unknown {
  switch (typeof value) {
    case "undefined":
    case "boolean":
      return value;
    case "string":
      return plainString(value) ? value : resolveWithCdktf(value);
    case "number":
      return plainNumber(value) ? value : resolveWithCdktf(value);
    case "object":
      if (value === null) return null;
      if (depth > MAX_DEPTH) return resolveWithCdktf(value);
      if (Array.isArray(value)) {
        if (!value.every((item) => (typeof item === "string" ? plainString(item) : typeof item === "number" ? plainNumber(item) : true)))
          return resolveWithCdktf(value);
        const out: unknown[] = [];
        for (const item of value) {
          const resolved = resolveTokensFast(item, resolveWithCdktf, depth + 1);
          if (resolved !== undefined) out.push(resolved);
        }
        return out;
      }
      if (!isPlainObject(value) || !Object.keys(value).every(plainString)) return resolveWithCdktf(value);
      {
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) {
          const resolved = resolveTokensFast(item, resolveWithCdktf, depth + 1);
          if (resolved !== undefined) out[key] = resolved;
        }
        return out;
      }
    default:
      return resolveWithCdktf(value); // functions (cdktf refuses them), symbols, bigints
  }
}
