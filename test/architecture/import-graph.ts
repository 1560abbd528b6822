/**
 * The project's dependency rule as data, and the import graph it is checked on: every relative
 * `require` of the compiled JavaScript in dist/ (plus the `import type` lines the compiler erases),
 * for files that still have a TypeScript source.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Layers, lowest first. A file may import its own folder and any folder of a lower layer; folders
 * of the same layer (features) do not import each other.
 *   types ← core ← plans | terraform ← (generators | cost | embed | events | aws | validity | publish) ← synth ← (fleet | doctor) ← cli
 */
export const LAYERS: string[][] = [
  ["src/types"],
  ["src/core"],
  ["src/plans", "src/terraform"],
  ["generators", "src/cost", "src/embed", "src/events", "src/aws", "src/validity", "src/publish"],
  ["src/synth"],
  ["src/fleet", "src/doctor"],
  ["src/cli"],
];

/** Narrower rules on top of the layers. */
export const ONLY_IMPORTS: Record<string, string[]> = {
  // Constructs render plans; they decide nothing of their own and read no files.
  generators: ["src/types", "src/plans"],
};

/** Packages only one folder may load: CDKTF and its provider bindings belong to the generators. */
export const PACKAGE_OWNERS: Array<{ pattern: RegExp; owner: string; why: string }> = [
  {
    pattern: /^(cdktf|constructs|@cdktf\/)/,
    owner: "generators",
    why: "CDKTF and the provider bindings are the generators' (the only place that imports them)",
  },
];
/** Provider bindings by deep path only: the package root loads every resource of the provider. */
export const FORBIDDEN_PACKAGES: Array<{ pattern: RegExp; why: string }> = [
  { pattern: /^@cdktf\/provider-aws$/, why: "import @cdktf/provider-aws/lib/<resource>, never the package root" },
];

export interface Edge {
  from: string;
  to: string;
}

/** The folder a project file belongs to: "generators", "src/core", ... (undefined for test/, bench/, scripts/). */
export function folderOf(file: string): string | undefined {
  const parts = file.split("/");
  if (parts[0] === "generators") return "generators";
  if (parts[0] === "src" && parts.length > 2) return `src/${parts[1]}`;
  return undefined;
}

/** Edges point at project paths (resolved, "src/core/resolve") or at packages ("cdktf"). */
const PROJECT_PATH = /^(src|generators|test|bench|scripts|data|templates|schemas)(\/|$)|^package\.json$/;

const rank = (folder: string) => LAYERS.findIndex((layer) => layer.includes(folder));

/** Every way the edges break the rule, one line each. */
export function violations(edges: Edge[]): string[] {
  const found: string[] = [];
  for (const { from, to } of edges) {
    const source = folderOf(from);
    if (!source) continue;
    if (!PROJECT_PATH.test(to)) {
      for (const p of FORBIDDEN_PACKAGES) if (p.pattern.test(to)) found.push(`${from} -> ${to}: ${p.why}`);
      for (const p of PACKAGE_OWNERS) if (p.pattern.test(to) && source !== p.owner) found.push(`${from} -> ${to}: ${p.why}`);
      continue;
    }
    const target = folderOf(to);
    if (!target || target === source) continue;
    const allowed = ONLY_IMPORTS[source];
    if (allowed && !allowed.includes(target)) found.push(`${from} -> ${to}: ${source} imports only ${allowed.join(" and ")}`);
    else if (rank(source) < 0 || rank(target) < 0) found.push(`${from} -> ${to}: ${rank(source) < 0 ? source : target} has no layer in the dependency rule`);
    else if (rank(target) > rank(source)) found.push(`${from} -> ${to}: ${source} is below ${target} and must not import it`);
    else if (rank(target) === rank(source)) found.push(`${from} -> ${to}: ${source} and ${target} are features of one layer and do not import each other`);
  }
  return found;
}

const REQUIRE = /\brequire\("([^"]+)"\)/g;
const TYPE_IMPORT = /^import\s+type\s[^;]*?from\s+"([^"]+)"/gm;
const INLINE_TYPE_IMPORT = /import\("([^"]+)"\)\.[A-Za-z_]/g;

/** Resolves a relative specifier of `file` to a project path without extension. */
function resolveSpecifier(file: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.(js|ts)$/, "");
}

/** The import graph of the compiled project under `distDir` (project root `rootDir`), as project-relative paths. */
export function compiledImportGraph(rootDir: string, distDir: string): Edge[] {
  const edges: Edge[] = [];
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".js") ? [path.join(dir, e.name)] : []));
  for (const top of ["src", "generators"]) {
    if (!fs.existsSync(path.join(distDir, top))) continue;
    for (const js of walk(path.join(distDir, top))) {
      const file = path.relative(distDir, js).split(path.sep).join("/").replace(/\.js$/, "");
      const source = path.join(rootDir, `${file}.ts`);
      if (!fs.existsSync(source)) continue; // left over from a file that was moved or deleted
      const specifiers = new Set<string>();
      for (const m of fs.readFileSync(js, "utf8").matchAll(REQUIRE)) specifiers.add(m[1]);
      const ts = fs.readFileSync(source, "utf8");
      for (const m of ts.matchAll(TYPE_IMPORT)) specifiers.add(m[1]);
      for (const m of ts.matchAll(INLINE_TYPE_IMPORT)) specifiers.add(m[1]);
      for (const s of specifiers) edges.push({ from: file, to: resolveSpecifier(file, s) });
    }
  }
  return edges;
}
