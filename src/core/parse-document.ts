/**
 * Reads a JSON or YAML document from disk. Syntax errors become a Problem with the file, line and
 * column, never a stack trace.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { MAX_CONTAINER_ENTRIES, MAX_DOCUMENT_DEPTH, StructureIssue, dataStructureIssue, findJsonStructureIssue } from "./json-structure";
import { Problem, UserError, jsonPath } from "./problems";

export interface ParsedDocument {
  file: string;
  data: unknown;
}

const YAML_EXTENSIONS = new Set([".yaml", ".yml"]);
export const DEFINITION_EXTENSIONS = new Set([".json", ".yaml", ".yml"]);

export function parseDocumentText(file: string, text: string): ParsedDocument {
  const ext = path.extname(file).toLowerCase();
  // Editors on Windows save a byte order mark; it is not content, in JSON as in YAML.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (YAML_EXTENSIONS.has(ext)) {
    const data = parseYaml(file, body);
    const issue = dataStructureIssue(data);
    if (issue) throw structureError(file, issue);
    return { file, data };
  }
  return { file, data: parseJson(file, body) };
}

/** Too deep or too large: refused before any check walks it (a hostile document would overflow the stack or run for minutes). */
function structureError(file: string, issue: Pick<StructureIssue, "kind" | "segments"> & { line?: number }): UserError {
  const at = issue.line ? ` at line ${issue.line}` : "";
  const message =
    issue.kind === "too-deep"
      ? `nested deeper than ${MAX_DOCUMENT_DEPTH} levels${at}; a definition needs far fewer`
      : `more than ${MAX_CONTAINER_ENTRIES} entries in one object or array${at}; a definition has a few dozen (checking stopped here)`;
  return new UserError(`${file} is ${issue.kind === "too-deep" ? "nested too deeply" : "too large"}`, [problem(file, jsonPath(issue.segments), message)]);
}

export function readDocument(file: string): ParsedDocument {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (err as Error).message;
    throw new UserError(`cannot read ${file}`, [problem(file, "$", reason)]);
  }
  return parseDocumentText(file, text);
}

function parseJson(file: string, text: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const reason = (err as Error).message
      .split("\n")[0]
      .replace(/ in JSON at position \d+.*$/, "")
      .replace(/, "[\s\S]*$/, "");
    throw new UserError(`malformed JSON in ${file}`, [problem(file, "$", `malformed JSON${jsonErrorLocation(text, err as Error)}: ${reason}`)]);
  }
  const issue = findJsonStructureIssue(text);
  if (issue && issue.kind !== "duplicate-key") throw structureError(file, issue);
  if (issue) {
    const key = issue.segments[issue.segments.length - 1];
    // JSON.parse keeps the last value silently; YAML refuses duplicates, and so do we.
    throw new UserError(`duplicate key in ${file}`, [
      problem(file, jsonPath(issue.segments), `duplicate key '${key}' at line ${issue.line}, column ${issue.column}; the object already has it (remove one)`),
    ]);
  }
  return data;
}

/** " at line L, column C" of a JSON syntax error. Node 20 does not always say where; a YAML parse of the same text does. */
function jsonErrorLocation(text: string, err: Error): string {
  const pos = /position (\d+)/.exec(err.message);
  if (pos) {
    const before = text.slice(0, Number(pos[1]));
    return ` at line ${before.split("\n").length}, column ${Number(pos[1]) - before.lastIndexOf("\n")}`;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require("yaml") as typeof import("yaml");
  const at = YAML.parseDocument(text, { prettyErrors: true }).errors[0]?.linePos?.[0];
  return at ? ` at line ${at.line}, column ${at.col}` : "";
}

function parseYaml(file: string, text: string): unknown {
  // Loaded lazily: only YAML users pay for the parser.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require("yaml") as typeof import("yaml");
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const at = e.linePos?.[0] ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "";
      return problem(file, "$", `malformed YAML${at}: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`);
    });
    throw new UserError(`malformed YAML in ${file}`, problems);
  }
  try {
    return doc.toJS();
  } catch (err) {
    // Turning the document into data can still fail: an alias without its anchor, too many aliases (a "billion laughs").
    throw new UserError(`malformed YAML in ${file}`, [problem(file, "$", `malformed YAML: ${(err as Error).message.split("\n")[0]}`)]);
  }
}

function problem(file: string, where: string, message: string): Problem {
  return { file, path: where, message, severity: "error", rule: "syntax" };
}
