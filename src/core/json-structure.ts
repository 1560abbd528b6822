/**
 * Structure checks JSON.parse cannot make: duplicate keys (JSON.parse keeps the last one silently)
 * and nesting depth. One pass over text JSON.parse has already accepted, without recursion, so a
 * document nested 100,000 levels deep is measured, not a stack overflow.
 */

/** Deeper than any definition needs (they are about 6 levels deep); deeper input is refused before any recursive step sees it. */
export const MAX_DOCUMENT_DEPTH = 64;

/** More entries in one object or array than any definition has (a few dozen; templates: creators in the thousands at most). */
export const MAX_CONTAINER_ENTRIES = 10_000;

export interface StructureIssue {
  kind: "duplicate-key" | "too-deep" | "too-large";
  segments: Array<string | number>;
  line: number;
  column: number;
}

interface Frame {
  array: boolean;
  keys: Set<string>;
  expectKey: boolean;
  index: number;
}

/** The first structural issue of valid JSON `text`, or undefined. */
export function findJsonStructureIssue(text: string, maxDepth = MAX_DOCUMENT_DEPTH): StructureIssue | undefined {
  const stack: Frame[] = [];
  const segments: Array<string | number> = [];
  const at = (pos: number, kind: StructureIssue["kind"], segs: Array<string | number>): StructureIssue => {
    const before = text.slice(0, pos);
    return { kind, segments: segs, line: before.split("\n").length, column: pos - before.lastIndexOf("\n") };
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{" || c === "[") {
      if (stack.length >= maxDepth) return at(i, "too-deep", segments.slice(0, maxDepth));
      stack.push({ array: c === "[", keys: new Set(), expectKey: c === "{", index: 0 });
      if (c === "[") segments.push(0); // an object's segment is pushed with its first key
    } else if (c === "}" || c === "]") {
      const frame = stack.pop()!;
      if (frame.array || frame.keys.size > 0) segments.pop();
    } else if (c === ",") {
      const frame = stack[stack.length - 1];
      if (frame.array) segments[segments.length - 1] = ++frame.index;
      else frame.expectKey = true;
      if (frame.index >= MAX_CONTAINER_ENTRIES || frame.keys.size >= MAX_CONTAINER_ENTRIES) return at(i, "too-large", segments.slice(0, stack.length - 1));
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const frame = stack[stack.length - 1];
      if (frame && !frame.array && frame.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (frame.keys.size > 0) segments.pop();
        if (frame.keys.has(key)) return at(i, "duplicate-key", [...segments, key]);
        frame.keys.add(key);
        segments.push(key);
        frame.expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}

/** The first place where parsed data is nested too deeply or holds too many entries, found without recursion. */
export function dataStructureIssue(data: unknown): Pick<StructureIssue, "kind" | "segments"> | undefined {
  interface Place {
    value: object;
    key?: string | number;
    parent?: Place;
    depth: number;
  }
  const segmentsOf = (p: Place) => {
    const out: Array<string | number> = [];
    for (let at: Place | undefined = p; at?.parent; at = at.parent) out.push(at.key!);
    return out.reverse();
  };
  if (!data || typeof data !== "object") return undefined;
  const stack: Place[] = [{ value: data, depth: 0 }];
  while (stack.length) {
    const place = stack.pop()!;
    if (place.depth >= MAX_DOCUMENT_DEPTH) return { kind: "too-deep", segments: segmentsOf(place) };
    const keys = Object.keys(place.value);
    if (keys.length > MAX_CONTAINER_ENTRIES) return { kind: "too-large", segments: segmentsOf(place) };
    const array = Array.isArray(place.value);
    for (const k of keys) {
      const v = (place.value as Record<string, unknown>)[k];
      if (v && typeof v === "object") stack.push({ value: v, key: array ? Number(k) : k, parent: place, depth: place.depth + 1 });
    }
  }
  return undefined;
}
