/**
 * Just enough of Terraform's expression language to find what a JSON-syntax module refers to:
 * the `${...}` / `%{...}` sequences of template strings, and the root traversals inside them
 * (`var.x`, `local.x`, `data.t.n`, `module.m`, `aws_s3_bucket.archive.arn`, ...). String literals,
 * function calls, numbers and object keys are skipped; `for` iterator variables are bound.
 */

/** A traversal such as aws_s3_bucket.archive.arn[0]: parts ["aws_s3_bucket", "archive", "arn", "[]"]. */
export interface Traversal {
  parts: string[];
  /** The traversal as written, for messages. */
  text: string;
}

/** Bodies of the `${...}` and `%{...}` sequences of a template string; `$${` and `%%{` are literal. */
export function templateSequences(template: string): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if ((c === "$" || c === "%") && template[i + 1] === c && template[i + 2] === "{") {
      i += 2; // escaped, literal
      continue;
    }
    if ((c === "$" || c === "%") && template[i + 1] === "{") {
      const end = matchingBrace(template, i + 1);
      bodies.push(template.slice(i + 2, end));
      i = end;
    }
  }
  return bodies;
}

/** Index of the brace closing the one at `open`, skipping braces inside quoted strings. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = endOfString(text, i);
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return text.length;
}

/** Index of the quote closing the string literal opened at `open` (templates inside it are skipped whole). */
function endOfString(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if ((c === "$" || c === "%") && text[i + 1] === "{") i = matchingBrace(text, i + 1);
    else if (c === '"') return i;
  }
  return text.length;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_-]/;
const KEYWORDS = new Set(["true", "false", "null", "for", "in", "if", "else", "endif", "endfor"]);

/** Root traversals of one expression (not a template: the body of a `${...}`, or a bare depends_on entry). */
export function traversalsIn(expression: string, bound: Set<string> = forIterators(expression)): Traversal[] {
  const found: Traversal[] = [];
  scan(expression, found);
  return found.filter((t) => !bound.has(t.parts[0]));
}

/** Names bound by `for k, v in ...` expressions and `%{ for x in ... }` directives (scoped, here, to the whole text). */
function forIterators(text: string): Set<string> {
  const bound = new Set<string>();
  for (const m of text.matchAll(/\bfor\s+([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\b/g)) {
    bound.add(m[1]);
    if (m[2]) bound.add(m[2]);
  }
  return bound;
}

function scan(text: string, found: Traversal[]): void {
  let i = 0;
  const skipSpace = (j: number) => {
    while (j < text.length && /\s/.test(text[j])) j++;
    return j;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = endOfString(text, i);
      for (const body of templateSequences(text.slice(i + 1, end))) scan(body, found);
      i = end + 1;
      continue;
    }
    if (c === "<" && text.startsWith("<<", i)) {
      // heredoc: <<EOT or <<-EOT ... EOT; its body is a template
      const m = /^<<-?([A-Za-z_]\w*)\n/.exec(text.slice(i));
      if (m) {
        const endMarker = new RegExp(`\\n\\s*${m[1]}(\\n|$)`).exec(text.slice(i + m[0].length));
        const bodyEnd = endMarker ? i + m[0].length + endMarker.index : text.length;
        for (const body of templateSequences(text.slice(i + m[0].length, bodyEnd))) scan(body, found);
        i = endMarker ? bodyEnd + endMarker[0].length : text.length;
        continue;
      }
    }
    if (/[0-9]/.test(c)) {
      while (i < text.length && /[0-9.eE]/.test(text[i])) i++;
      continue;
    }
    if (IDENT_START.test(c)) {
      const prev = text.slice(0, i).trimEnd().slice(-1);
      let j = i;
      while (j < text.length && IDENT.test(text[j])) j++;
      const root = text.slice(i, j);
      // provider-defined functions (provider::aws::arn_parse) and function calls are not references
      if (text.startsWith("::", j) || text[skipSpace(j)] === "(") {
        i = j;
        continue;
      }
      if (prev === "." || KEYWORDS.has(root)) {
        i = j;
        continue;
      }
      const parts = [root];
      let k = j;
      for (;;) {
        if (text[k] === "." && text[k + 1] === "*") {
          parts.push("*");
          k += 2;
        } else if (text[k] === "." && IDENT_START.test(text[k + 1] ?? "")) {
          let e = k + 1;
          while (e < text.length && IDENT.test(text[e])) e++;
          parts.push(text.slice(k + 1, e));
          k = e;
        } else if (text[k] === "[") {
          let depth = 0;
          let e = k;
          for (; e < text.length; e++) {
            if (text[e] === '"') e = endOfString(text, e);
            else if (text[e] === "[") depth++;
            else if (text[e] === "]" && --depth === 0) break;
          }
          scan(text.slice(k + 1, e), found); // indexes are expressions too
          parts.push("[]");
          k = e + 1;
        } else break;
      }
      if (parts.length > 1) found.push({ parts, text: text.slice(i, k) });
      i = k;
      continue;
    }
    i++;
  }
}

/** Traversals of a string found in a template position of a module (every `${...}` in it). */
export function traversalsInTemplate(template: string): Traversal[] {
  const bound = forIterators(template);
  return templateSequences(template).flatMap((body) => traversalsIn(body, bound));
}
