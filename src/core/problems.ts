/**
 * Problems found in user input. Every problem names the file and the JSON path so a user can go
 * straight to it; a UserError carries all problems of one run (exit code 1).
 */
export type Severity = "error" | "warning";

/** Problems listed per run (and per schema check); the rest are counted: "and N more". */
export const MAX_PROBLEMS_LISTED = 50;

/** At most MAX_PROBLEMS_LISTED problems, the rest summed up in one last line. */
export function capProblems(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS_LISTED) return problems;
  const rest = problems.length - MAX_PROBLEMS_LISTED;
  const last = problems[MAX_PROBLEMS_LISTED - 1];
  return [
    ...problems.slice(0, MAX_PROBLEMS_LISTED),
    { file: last.file, path: "$", message: `and ${rest} more problem${rest > 1 ? "s" : ""} (not listed)`, severity: "error", rule: "summary" },
  ];
}

export interface Problem {
  file: string;
  /** JSON path in the document, e.g. `$.sources[0].type`; `$` is the whole document. */
  path: string;
  message: string;
  severity: Severity;
  /** Rule id for semantic checks (e.g. BMF-SECRET-LITERAL), "schema" for JSON Schema, "syntax" for parse errors. */
  rule: string;
  suggestion?: string;
}

export class UserError extends Error {
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = "UserError";
  }
}

export function formatProblem(p: Problem): string {
  const hint = p.suggestion ? ` (${p.suggestion})` : "";
  return `${p.file}: ${p.path}: ${p.severity}: ${p.message}${hint} [${p.rule}]`;
}

export function errorsOnly(problems: Problem[]): Problem[] {
  return problems.filter((p) => p.severity === "error");
}

/** Formats a JSON path from segments: ["sources", 0, "type"] -> `$.sources[0].type`. */
export function jsonPath(segments: ReadonlyArray<string | number>): string {
  let out = "$";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Edit distance, for "did you mean" suggestions on misspelled names. */
export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest candidate within a distance that still reads as a typo, or undefined. */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = value.toLowerCase();
  for (const c of candidates) {
    const d = levenshtein(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(value.length / 3));
  return best !== undefined && bestDistance <= limit && bestDistance > 0 ? best : undefined;
}

export function didYouMean(value: unknown, candidates: Iterable<string>): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = closest(value, candidates);
  return match ? `did you mean '${match}'?` : undefined;
}
