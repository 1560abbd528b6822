/**
 * A generated Terraform module as the validity rules see it: its `*.tf.json` documents (parsed), its
 * examples, and an index of what it declares (resources, data sources, variables, locals, modules, outputs).
 */
import * as fs from "node:fs";
import * as path from "node:path";

import type { Json } from "../types/json";

export interface Declarations {
  /** resource type -> names */
  resources: Map<string, Set<string>>;
  /** data source type -> names */
  data: Map<string, Set<string>>;
  variables: Map<string, Json>;
  locals: Set<string>;
  modules: Set<string>;
  outputs: Set<string>;
}

export interface ModuleFiles {
  /** Directory the module was read from, or a label for modules rendered in memory. */
  dir: string;
  /** file name (e.g. "medialive.tf.json") -> parsed JSON, for the module's own files */
  files: Map<string, Json>;
  /** path relative to the module (e.g. "examples/basic/main.tf.json") -> parsed JSON */
  examples: Map<string, Json>;
  declarations: Declarations;
}

/** Builds the module view from file contents keyed by path relative to the module (as the module renderer returns them). */
export function moduleFromContents(contents: Map<string, string>, dir = "<memory>"): ModuleFiles {
  const files = new Map<string, Json>();
  const examples = new Map<string, Json>();
  for (const [file, text] of contents) {
    if (!file.endsWith(".tf.json")) continue;
    let doc: Json;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new Error(`${path.join(dir, file)} is not valid JSON: ${(e as Error).message}`);
    }
    if (file.startsWith("examples/")) examples.set(file, doc);
    else if (!file.includes("/")) files.set(file, doc);
  }
  return { dir, files, examples, declarations: declarationsOf(files) };
}

/** Reads a module directory: its top-level `*.tf.json` files and `examples/<name>/*.tf.json`. */
export function loadModuleDir(dir: string): ModuleFiles {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`${dir} is not a module directory`);
  const contents = new Map<string, string>();
  for (const f of fs.readdirSync(dir)) if (f.endsWith(".tf.json")) contents.set(f, fs.readFileSync(path.join(dir, f), "utf8"));
  const examplesDir = path.join(dir, "examples");
  if (fs.existsSync(examplesDir))
    for (const example of fs.readdirSync(examplesDir, { withFileTypes: true }))
      if (example.isDirectory())
        for (const f of fs.readdirSync(path.join(examplesDir, example.name)))
          if (f.endsWith(".tf.json")) contents.set(`examples/${example.name}/${f}`, fs.readFileSync(path.join(examplesDir, example.name, f), "utf8"));
  if (![...contents.keys()].some((f) => !f.includes("/"))) throw new Error(`${dir} is not a module directory: it has no *.tf.json files`);
  return moduleFromContents(contents, dir);
}

/** True when `dir` looks like a generated module (has at least one top-level *.tf.json). */
export function isModuleDir(dir: string): boolean {
  return fs.existsSync(dir) && fs.statSync(dir).isDirectory() && fs.readdirSync(dir).some((f) => f.endsWith(".tf.json"));
}

export function declarationsOf(files: Map<string, Json>): Declarations {
  const d: Declarations = { resources: new Map(), data: new Map(), variables: new Map(), locals: new Set(), modules: new Set(), outputs: new Set() };
  const add = (map: Map<string, Set<string>>, type: string, name: string) => (map.get(type) ?? map.set(type, new Set()).get(type)!).add(name);
  for (const doc of files.values()) {
    for (const [type, byName] of Object.entries((doc.resource ?? {}) as Json)) for (const name of Object.keys(byName)) add(d.resources, type, name);
    for (const [type, byName] of Object.entries((doc.data ?? {}) as Json)) for (const name of Object.keys(byName)) add(d.data, type, name);
    for (const [name, v] of Object.entries((doc.variable ?? {}) as Json)) d.variables.set(name, v);
    // "locals" may be one object or, as cdktf sometimes writes it, a list of objects
    for (const block of ([] as Json[]).concat(doc.locals ?? [])) for (const name of Object.keys(block)) d.locals.add(name);
    for (const name of Object.keys((doc.module ?? {}) as Json)) d.modules.add(name);
    for (const name of Object.keys((doc.output ?? {}) as Json)) d.outputs.add(name);
  }
  return d;
}

/** Every resource of the module: file, type, name, body. */
export function* resourcesOf(module: ModuleFiles): Generator<{ file: string; type: string; name: string; body: Json }> {
  for (const [file, doc] of module.files)
    for (const [type, byName] of Object.entries((doc.resource ?? {}) as Json))
      for (const [name, body] of Object.entries(byName as Json)) yield { file, type, name, body: body as Json };
}

/** Nested blocks appear as an object or as a list of objects (cdktf writes both): always a list. */
export function blocks(value: unknown): Json[] {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === "object") as Json[];
  return value && typeof value === "object" ? [value] : [];
}
