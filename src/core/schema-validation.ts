/**
 * JSON Schema validation with ajv, turned into one readable Problem per mistake: the JSON path,
 * what was expected and, for misspelled names, a suggestion.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import type Ajv from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import { MAX_PROBLEMS_LISTED, Problem, didYouMean, jsonPath } from "./problems";
import { projectPath } from "./project-paths";

export type SchemaName = "pipeline" | "template" | "catalog" | "resolved-pipeline" | "prices" | "config" | "events" | "fleet-record";

let ajv: Ajv | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

export function schemaFile(name: SchemaName): string {
  return projectPath("schemas", `${name}.schema.json`);
}

export function loadSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(schemaFile(name), "utf8"));
}

/** The options of every validator, compiled here or by scripts/build-validators.js (which must use the same). */
export const AJV_OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true, verbose: true } as const;

/** An ajv instance with formats, loaded only when a schema has to be compiled in this process. */
function runtimeAjv(): Ajv {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand: most processes use the prebuilt validators */
  const { default: AjvClass } = require("ajv") as typeof import("ajv");
  const { default: addFormats } = require("ajv-formats") as typeof import("ajv-formats");
  /* eslint-enable @typescript-eslint/no-require-imports */
  return (ajv ??= addFormats(new AjvClass({ ...AJV_OPTIONS })));
}

/** The validator `npm run build` compiled for this schema (dist/generated/validators), when built from the schema as it is now. */
export function prebuiltValidator(name: SchemaName): ValidateFunction | undefined {
  const file = projectPath("dist", "generated", "validators", `${name}.js`);
  if (!fs.existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated at build time, outside the TypeScript sources
  const fn = require(file) as ValidateFunction & { schemaSha256?: string };
  const current = createHash("sha256")
    .update(fs.readFileSync(schemaFile(name), "utf8"))
    .digest("hex");
  return fn.schemaSha256 === current ? fn : undefined;
}

/** Compiles the schema in this process (what the prebuilt validators save). */
export function compileValidator(name: SchemaName): ValidateFunction {
  const schema = loadSchema(name);
  return runtimeAjv().getSchema(String(schema.$id)) ?? runtimeAjv().compile(schema);
}

function validatorFor(name: SchemaName): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    // A schema edited since the last build (a developer between tsc runs) is compiled here instead: never a stale check.
    fn = prebuiltValidator(name) ?? compileValidator(name);
    compiled.set(name, fn);
  }
  return fn;
}

/** Validates `data` against one definition of a schema (e.g. events' WebhookBody). */
export function validateAgainstDefinition(name: SchemaName, definition: string, data: unknown, file: string): Problem[] {
  const id = `${String(loadSchema(name).$id)}#/definitions/${definition}`;
  compileValidator(name); // registers the schema under its $id
  const validate = runtimeAjv().getSchema(id) ?? runtimeAjv().compile({ $ref: id });
  if (validate(data)) return [];
  return explainErrors(validate.errors ?? [], data, file, []);
}

/** Validates `data` and returns problems (empty when valid). `basePath` prefixes paths for embedded documents. */
export function validateAgainstSchema(name: SchemaName, data: unknown, file: string, basePath: ReadonlyArray<string | number> = []): Problem[] {
  const validate = validatorFor(name);
  if (validate(data)) return [];
  return explainErrors(validate.errors ?? [], data, file, basePath);
}

function explainErrors(errors: ErrorObject[], data: unknown, file: string, basePath: ReadonlyArray<string | number>): Problem[] {
  const kept = pruneAnyOfBranches(errors, data);
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of kept) {
    if (problems.length === MAX_PROBLEMS_LISTED - 1 && kept.length > MAX_PROBLEMS_LISTED) {
      // Explaining every one of a million mistakes helps nobody and takes minutes.
      problems.push({
        file,
        path: jsonPath(basePath),
        message: `and ${kept.length - problems.length} more schema problems (not listed)`,
        severity: "error",
        rule: "schema",
      });
      break;
    }
    const segments = [...basePath, ...pointerSegments(e.instancePath)];
    const { message, suggestion, extraSegment } = describe(e, valueAt(data, e.instancePath));
    if (extraSegment !== undefined) segments.push(extraSegment);
    const where = jsonPath(segments);
    const key = `${where}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ file, path: where, message, severity: "error", rule: "schema", suggestion });
  }
  return problems;
}

/**
 * ajv reports the failures of every anyOf branch (and, through $ref, without a common schema path).
 * Keep only the branch the user evidently meant, judged by the value's type: a string picks the
 * name/URL branch (its enum or pattern errors), an object the settings branch (errors inside it).
 */
function pruneAnyOfBranches(errors: ErrorObject[], data: unknown): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const anyOf of errors.filter((e) => e.keyword === "anyOf")) {
    const at = anyOf.instancePath;
    const value = valueAt(data, at);
    const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
    const related = errors.filter((e) => e !== anyOf && (e.instancePath === at || e.instancePath.startsWith(at + "/")));
    const belongsToOtherBranch = (e: ErrorObject) => {
      if (e.instancePath !== at) return !isObject; // errors inside the value come from the object branch
      if (e.keyword === "type") return true; // "must be object" / "must be string": the other branch's complaint
      return isObject ? ["enum", "pattern", "maxLength", "minLength"].includes(e.keyword) : ["required", "additionalProperties"].includes(e.keyword);
    };
    const kept = related.filter((e) => !belongsToOtherBranch(e));
    if (kept.length === 0) {
      related.forEach((e) => dropped.add(e)); // wrong type for every branch: one message, on the anyOf
      continue;
    }
    related.filter(belongsToOtherBranch).forEach((e) => dropped.add(e));
    dropped.add(anyOf);
  }
  return errors.filter((e) => !dropped.has(e));
}

function describe(e: ErrorObject, value: unknown): { message: string; suggestion?: string; extraSegment?: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return { message: `missing required property '${String(p.missingProperty)}'` };
    case "additionalProperties": {
      const extra = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      return {
        message: `unknown property '${extra}'; allowed: ${allowed.join(", ")}`,
        suggestion: didYouMean(extra, allowed),
        extraSegment: extra,
      };
    }
    case "enum": {
      const allowed = (p.allowedValues as unknown[]).map(String);
      return {
        message: `must be one of ${allowed.map((v) => `'${v}'`).join(", ")}; got ${JSON.stringify(value)}`,
        suggestion: didYouMean(value, allowed),
      };
    }
    case "type":
      return { message: `must be ${String(p.type)}; got ${value === null ? "null" : Array.isArray(value) ? "array" : typeof value}` };
    case "pattern": {
      const description = (e.parentSchema as { description?: string })?.description;
      return {
        message: `${JSON.stringify(value)} does not match the required format ${String(p.pattern)}${description ? ` (${description})` : ""}`,
      };
    }
    case "anyOf":
      return { message: `has the wrong shape: expected a name or an object of settings; got ${Array.isArray(value) ? "array" : typeof value}` };
    case "not":
      return { message: "must not contain this property here" };
    default:
      return { message: e.message ?? `fails ${e.keyword}` };
  }
}

function pointerSegments(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur: unknown = data;
  for (const seg of pointerSegments(pointer)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}
