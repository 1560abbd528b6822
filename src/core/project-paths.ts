/** Locates files shipped with the tool (schemas, data, templates) from compiled or source code alike. */
import * as fs from "node:fs";
import * as path from "node:path";

let root: string | undefined;

/** The project root: the nearest ancestor of this file holding package.json. Works from src/ and dist/src/. */
export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) || !fs.existsSync(path.join(dir, "schemas"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root above ${__dirname}`);
    dir = parent;
  }
  root = dir;
  return root;
}

export function projectPath(...segments: string[]): string {
  return path.join(projectRoot(), ...segments);
}
