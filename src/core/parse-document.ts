/**
 * Reads a JSON or YAML document from disk. Syntax errors become a Problem with the file, line and
 * column, never a stack trace.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Problem, UserError } from "./problems";

export interface ParsedDocument {
  file: string;
  data: unknown;
}

const YAML_EXTENSIONS = new Set([".yaml", ".yml"]);
export const DEFINITION_EXTENSIONS = new Set([".json", ".yaml", ".yml"]);

export function parseDocumentText(file: string, text: string): ParsedDocument {
  const ext = path.extname(file).toLowerCase();
  if (YAML_EXTENSIONS.has(ext)) return { file, data: parseYaml(file, text) };
  return { file, data: parseJson(file, text) };
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
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    let where = "";
    if (pos) {
      const offset = Number(pos[1]);
      const before = text.slice(0, offset);
      const line = before.split("\n").length;
      const column = offset - before.lastIndexOf("\n");
      where = ` at line ${line}, column ${column}`;
    }
    const reason = message.replace(/ in JSON at position \d+.*$/, "").replace(/^JSON\.parse: /, "");
    throw new UserError(`malformed JSON in ${file}`, [problem(file, "$", `malformed JSON${where}: ${reason}`)]);
  }
}

function parseYaml(file: string, text: string): unknown {
  // Loaded lazily: only YAML users pay for the parser.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require("yaml") as typeof import("yaml");
  const doc = YAML.parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const at = e.linePos?.[0] ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "";
      return problem(file, "$", `malformed YAML${at}: ${e.message.split("\n")[0]}`);
    });
    throw new UserError(`malformed YAML in ${file}`, problems);
  }
  return doc.toJS();
}

function problem(file: string, where: string, message: string): Problem {
  return { file, path: where, message, severity: "error", rule: "syntax" };
}
