/**
 * Edits one top-level member of a definition file in place, keeping everything else as written: JSON keeps its
 * key order, indentation and line layout (only the member's own text changes); YAML keeps comments (the yaml
 * package's Document API). Plus a unified line diff to show the change. Pure text in, text out.
 */
import YAML from "yaml";

/** The indentation unit of a JSON text: its first indented line's leading whitespace, else two spaces. */
export function jsonIndent(text: string): string {
  return /\n([ \t]+)\S/.exec(text)?.[1] ?? "  ";
}

/** Index just past the JSON value starting at `i` (string, number, literal, object or array). */
function endOfValue(text: string, i: number): number {
  if (text[i] === '"') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === "\\") j++;
      else if (text[j] === '"') return j + 1;
    }
    return text.length;
  }
  if (text[i] === "{" || text[i] === "[") {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (c === '"') j = endOfValue(text, j) - 1;
      else if (c === "{" || c === "[") depth++;
      else if ((c === "}" || c === "]") && --depth === 0) return j + 1;
    }
    return text.length;
  }
  const m = /^[^,}\]\s]+/.exec(text.slice(i));
  return i + (m ? m[0].length : 0);
}

const skipSpace = (text: string, i: number) => {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
};

/** Top-level members of a JSON object text: key, where its value starts and ends. */
function topLevelMembers(text: string): {
  open: number;
  close: number;
  members: Array<{ key: string; keyStart: number; valueStart: number; valueEnd: number }>;
} {
  const open = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (text[open] !== "{") throw new Error("not a JSON object");
  const members: Array<{ key: string; keyStart: number; valueStart: number; valueEnd: number }> = [];
  let i = skipSpace(text, open + 1);
  while (text[i] === '"') {
    const keyEnd = endOfValue(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the colon
    const valueEnd = endOfValue(text, valueStart);
    members.push({ key, keyStart: i, valueStart, valueEnd });
    i = skipSpace(text, valueEnd);
    if (text[i] === ",") i = skipSpace(text, i + 1);
  }
  return { open, close: i, members };
}

/** A value as JSON text whose continuation lines are indented for a member at `level` levels of `unit`. */
function renderJsonValue(value: unknown, unit: string, level: number): string {
  // A file written on one line stays on one line.
  if (!unit) return JSON.stringify(value);
  return JSON.stringify(value, null, unit)
    .split("\n")
    .join("\n" + unit.repeat(level));
}

/**
 * Sets (or, with undefined, removes) top-level member `key` of a JSON object text. An existing member's value is
 * replaced where it stands; a new member goes last, laid out like the others.
 */
export function setJsonMember(text: string, key: string, value: unknown): string {
  const { close, members } = topLevelMembers(text);
  const unit = text.trim().includes("\n") ? jsonIndent(text) : "";
  const existing = members.find((m) => m.key === key);
  if (existing) {
    if (value === undefined) {
      const index = members.indexOf(existing);
      // Remove the member with the separator before it (or after it, when it is first).
      const from = index > 0 ? members[index - 1].valueEnd : existing.keyStart;
      const to = index > 0 ? existing.valueEnd : index + 1 < members.length ? members[index + 1].keyStart : existing.valueEnd;
      return text.slice(0, from) + text.slice(to);
    }
    return text.slice(0, existing.valueStart) + renderJsonValue(value, unit, 1) + text.slice(existing.valueEnd);
  }
  if (value === undefined) return text;
  const member = `${JSON.stringify(key)}:${unit ? " " : ""}${renderJsonValue(value, unit, 1)}`;
  if (!members.length) return text.slice(0, close) + (unit ? `\n${unit}${member}\n` : member) + text.slice(close);
  const last = members[members.length - 1];
  // The whitespace between members (usually a newline and the indent) separates the new one too.
  const separator =
    members.length > 1
      ? text.slice(members[members.length - 2].valueEnd, last.keyStart).replace(/^\s*,/, "")
      : text.slice(text.indexOf("{") + 1, members[0].keyStart);
  return text.slice(0, last.valueEnd) + "," + separator + member + text.slice(last.valueEnd);
}

/**
 * Sets (or removes) top-level `key` of a YAML text with the Document API: comments and the layout of everything else
 * stay, and when the member is a mapping already, so do comments on its entries that remain.
 */
export function setYamlMember(text: string, key: string, value: unknown): string {
  const doc = YAML.parseDocument(text);
  const current = doc.get(key, true);
  if (value === undefined) doc.delete(key);
  else if (YAML.isMap(current) && value && typeof value === "object" && !Array.isArray(value)) {
    for (const item of [...current.items]) {
      const k = YAML.isScalar(item.key) ? String(item.key.value) : String(item.key);
      if (!(k in value)) current.delete(k);
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (JSON.stringify(current.toJSON()?.[k]) !== JSON.stringify(v)) current.set(k, doc.createNode(v));
  } else doc.set(key, doc.createNode(value));
  return doc.toString({ flowCollectionPadding: false });
}

export function setDefinitionMember(file: string, text: string, key: string, value: unknown): string {
  return /\.ya?ml$/i.test(file) ? setYamlMember(text, key, value) : setJsonMember(text, key, value);
}

/** A unified diff of two texts by lines (longest common subsequence), with `context` lines around each change. */
export function unifiedDiff(before: string, after: string, file: string, context = 3): string {
  const a = before.split("\n"),
    b = after.split("\n");
  const n = a.length,
    m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Array<{ op: " " | "-" | "+"; line: string; ai: number; bi: number }> = [];
  let i = 0,
    j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ op: " ", line: a[i++], ai: i, bi: ++j });
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ op: "-", line: a[i++], ai: i, bi: j });
    else ops.push({ op: "+", line: b[j++], ai: i, bi: j });
  }
  const changed = ops.map((o, k) => (o.op !== " " ? k : -1)).filter((k) => k >= 0);
  if (!changed.length) return "";
  const out = [`--- ${file}`, `+++ ${file}`];
  let k = 0;
  while (k < changed.length) {
    let start = Math.max(0, changed[k] - context),
      end = Math.min(ops.length, changed[k] + context + 1);
    while (k + 1 < changed.length && changed[k + 1] - context <= end) end = Math.min(ops.length, changed[++k] + context + 1);
    k++;
    const hunk = ops.slice(start, end);
    const aStart = hunk.find((o) => o.op !== "+")?.ai ?? hunk[0].ai,
      bStart = hunk.find((o) => o.op !== "-")?.bi ?? hunk[0].bi;
    out.push(`@@ -${aStart},${hunk.filter((o) => o.op !== "+").length} +${bStart},${hunk.filter((o) => o.op !== "-").length} @@`);
    for (const o of hunk) out.push(`${o.op}${o.line}`);
    start = end;
  }
  return out.join("\n") + "\n";
}
