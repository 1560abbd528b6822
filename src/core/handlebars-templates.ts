/**
 * The Handlebars templates shipped in templates/<set>/, from the precompiled copy `npm run build` writes
 * (scripts/build-templates.js -> dist/generated/templates.js) when every source of the set still matches it, so rendering
 * loads only Handlebars' runtime and compiles nothing; otherwise (a template edited since the build) compiled here.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import type Handlebars from "handlebars";
import { projectPath } from "./project-paths";

export type TemplateSetName = "player" | "module";

/** Compile options per set; scripts/build-templates.js precompiles with the same (a test compares them). */
export const TEMPLATE_OPTIONS: Record<TemplateSetName, CompileOptions> = {
  // strict: a misspelled field throws instead of rendering empty; only the built-in block helpers.
  player: { strict: true, knownHelpers: { if: true, each: true, unless: true }, knownHelpersOnly: true },
  // Markdown, not HTML: nothing to escape.
  module: { noEscape: true, strict: true },
};

type CompileOptions = Parameters<typeof Handlebars.compile>[1];

export interface TemplateSet {
  /** The template at `file` (relative to templates/, e.g. "player/page.hbs"). */
  template(file: string): Handlebars.TemplateDelegate;
  /** Whether the set came from the build's precompiled copy. */
  precompiled: boolean;
}

interface Precompiled {
  [file: string]: { sha256: string; spec: Parameters<typeof Handlebars.template>[0] };
}

/** Files of a set, relative to templates/, sorted. */
export function templateFiles(set: TemplateSetName): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(projectPath("templates", rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(".hbs")) found.push(child);
    }
  };
  walk(set);
  return found.sort();
}

function precompiledCopy(): Precompiled | undefined {
  const file = projectPath("dist", "generated", "templates.js");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated at build time, outside the TypeScript sources
  return fs.existsSync(file) ? (require(file) as Precompiled) : undefined;
}

/**
 * Loads a set in a Handlebars environment of its own, registering `partials` (name -> file). `check` sees every
 * source first (a set's own rules, e.g. no unescaped output). `compileHere` forces in-process compilation.
 */
export function loadTemplateSet(
  set: TemplateSetName,
  partials: Record<string, string>,
  check: (file: string, source: string) => void = () => {},
  compileHere = false,
): TemplateSet {
  const sources = new Map(templateFiles(set).map((file) => [file, fs.readFileSync(projectPath("templates", file), "utf8")]));
  for (const [file, source] of sources) check(file, source);
  const sha = (text: string) => createHash("sha256").update(text).digest("hex");
  const built = compileHere ? undefined : precompiledCopy();
  const fresh = built !== undefined && [...sources].every(([file, source]) => built[file]?.sha256 === sha(source));
  /* eslint-disable @typescript-eslint/no-require-imports -- the runtime alone when precompiled; the compiler only when needed */
  const hbs = fresh ? (require("handlebars/runtime") as typeof Handlebars).create() : (require("handlebars") as typeof Handlebars).create();
  /* eslint-enable @typescript-eslint/no-require-imports */
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const template = (file: string) => {
    let t = compiled.get(file);
    if (!t) {
      const source = sources.get(file);
      if (source === undefined) throw new Error(`no template templates/${file}`);
      t = fresh ? hbs.template(built[file].spec) : hbs.compile(source, TEMPLATE_OPTIONS[set]);
      compiled.set(file, t);
    }
    return t;
  };
  for (const [name, file] of Object.entries(partials)) hbs.registerPartial(name, fresh ? template(file) : sources.get(file)!);
  return { template, precompiled: fresh };
}
