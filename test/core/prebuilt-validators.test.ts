/**
 * The standalone validators `npm run build` compiles (scripts/build-validators.js -> dist/generated/validators) are
 * what runtime validation uses, are exactly what the schemas generate now, and judge a corpus of valid, random and
 * broken documents exactly as ajv compiling the schema in-process does (same verdicts, same errors).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import fc from "fast-check";
import { readDocument } from "../../src/core/parse-document";
import { projectPath } from "../../src/core/project-paths";
import { AJV_OPTIONS, SchemaName, compileValidator, prebuiltValidator } from "../../src/core/schema-validation";
import { validLiveDefinition } from "../support/definition-arbitrary";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is plain JS (it runs before tsc)
const build = require(projectPath("scripts", "build-validators.js")) as {
  AJV_OPTIONS: object;
  OUT_DIR: string;
  SCHEMAS: SchemaName[];
  validatorSource: (name: SchemaName) => string;
};

test("every schema has a prebuilt validator, fresh and used at runtime (run npm run build when this fails)", () => {
  expect(build.SCHEMAS.sort()).toEqual(
    fs
      .readdirSync(projectPath("schemas"))
      .map((f) => f.replace(/\.schema\.json$/, ""))
      .sort(),
  );
  for (const name of build.SCHEMAS) expect({ name, prebuilt: typeof prebuiltValidator(name) }).toEqual({ name, prebuilt: "function" });
  // Validating the examples in a fresh process never loads ajv's compiler.
  const probe = `const { loadPipelines } = require(${JSON.stringify(projectPath("dist", "src", "core", "definitions.js"))});
    const n = loadPipelines([${JSON.stringify(projectPath("examples"))}]).pipelines.length;
    console.log(JSON.stringify({ n, ajvCompiler: Object.keys(require.cache).some((f) => f.includes("/ajv/dist/compile/")) }));`;
  const r = spawnSync(process.execPath, ["-e", probe], { encoding: "utf8" });
  expect(JSON.parse(r.stdout)).toEqual({ n: expect.any(Number), ajvCompiler: false });
});

test("the prebuilt validators are exactly what the schemas generate now, with runtime's ajv options", () => {
  expect(build.AJV_OPTIONS).toEqual(AJV_OPTIONS);
  for (const name of build.SCHEMAS)
    expect({ name, same: fs.readFileSync(`${build.OUT_DIR}/${name}.js`, "utf8") === build.validatorSource(name) }).toEqual({ name, same: true });
});

/** Documents of one schema: the shipped ones, and each of them broken in the ways users break them. */
function corpus(name: SchemaName): unknown[] {
  const shipped: Record<string, string[]> = {
    pipeline: fs
      .readdirSync(projectPath("examples"))
      .filter((f) => !f.includes("template"))
      .map((f) => projectPath("examples", f)),
    template: [projectPath("examples", "creator-channel.template.json")],
    catalog: [projectPath("data", "catalog.json")],
  };
  const docs = (shipped[name] ?? []).map((f) => readDocument(f).data as Record<string, unknown>);
  const broken = docs.flatMap((d) => {
    const keys = Object.keys(d);
    return [
      { ...d, unknown_property: true },
      ...keys.slice(0, 12).map((k) => ({ ...d, [k]: 42 })),
      ...keys.slice(0, 12).map((k) => ({ ...d, [k]: "not-a-valid-value" })),
      ...keys.slice(0, 12).map((k) => ({ ...d, [k]: [{ type: "nonsense" }] })),
      Object.fromEntries(Object.entries(d).slice(1)),
    ];
  });
  return [...docs, ...broken, {}, null, [], "text", 7];
}

test("prebuilt and in-process validators give the same verdicts and errors on shipped, broken and random documents", () => {
  for (const name of build.SCHEMAS) {
    const prebuilt = prebuiltValidator(name)!;
    const compiled = compileValidator(name);
    const judge = (doc: unknown) => {
      const a = prebuilt(doc);
      const aErrors = structuredClone(prebuilt.errors);
      const b = compiled(doc);
      expect({ name, valid: a, errors: aErrors }).toEqual({ name, valid: b, errors: structuredClone(compiled.errors) });
      return a;
    };
    const verdicts = corpus(name).map(judge);
    if (["pipeline", "template", "catalog"].includes(name)) expect(verdicts.filter(Boolean).length).toBeGreaterThan(0);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThan(0);
  }
  const pipeline = prebuiltValidator("pipeline")!;
  const compiled = compileValidator("pipeline");
  fc.assert(
    fc.property(validLiveDefinition, (definition) => {
      expect(pipeline(definition)).toBe(compiled(definition));
      expect(structuredClone(pipeline.errors)).toEqual(structuredClone(compiled.errors));
    }),
    { numRuns: 200, seed: 20 },
  );
});
