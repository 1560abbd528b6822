/**
 * Structure checks JSON.parse cannot make: duplicate keys (JSON.parse keeps the last one silently)
 * and nesting depth. One pass over text JSON.parse has already accepted, without recursion, so a
 * document nested 100,000 levels deep is measured, not a stack overflow.
 */

/** Deeper than any definition needs (they are about 6 levels deep); deeper input is refused before any recursive step sees it. */
export const MAX_DOCUMENT_DEPTH = 64;

export interface StructureIssue {
  kind: "duplicate-key" | "too-deep";
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

/** Nesting depth of parsed data, counted without recursion; stops counting past `limit`. */
export function exceedsDepth(data: unknown, limit = MAX_DOCUMENT_DEPTH): Array<string | number> | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: data, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (!value || typeof value !== "object") continue;
    if (path.length >= limit) return path;
    for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, Array.isArray(value) ? Number(k) : k] });
  }
  return undefined;
}
