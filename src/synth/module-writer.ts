/**
 * The one place that decides the bytes of a generated module: splits the synthesized stack into one
 * file per service, drops what a reusable module must not carry (backend, provider blocks, CDKTF
 * metadata), pins provider ranges, adds README and a usage example, sorts keys, and writes atomically.
 */
import * as path from "node:path";
import type { ResolvedPipeline } from "../core/resolve";
import { replaceDirectoryAtomic } from "../core/atomic-write";
import { planPipeline } from "../plans/pipeline-plan";
import { AWSCC_PROVIDER } from "../../generators/awscc/awscc-resource";
import { SynthesizedStack, synthesizeStack, synthesizeWith } from "../../generators/synthesize";
import type { PipelineConstructProps } from "../../generators/pipeline";
import { renderFleetModuleReadme, renderModuleReadme, renderSharedModuleReadme } from "./readme";
import { renderBasicExample, renderFleetExample, renderSharedExample } from "./example";
import { FleetDashboard, FleetDashboardSpec } from "../../generators/fleet-dashboard";
import { planFleetDashboard } from "../plans/fleet-dashboard";
import { SharedChannelGroup, SharedChannelGroupSpec } from "../../generators/shared-channel-group";
import { AWS_PROVIDER, REQUIRED_TERRAFORM } from "../../generators/providers";

export { AWS_PROVIDER, REQUIRED_TERRAFORM };

import type { Json } from "../types/json";

/**
 * A module file's bytes: the JSON text of `value` with every object's keys sorted and two-space indentation, "//" keys
 * (CDKTF's metadata) left out, arrays in their order (it is meaningful); the same text as JSON.stringify(sortedCopy, null, 2) + "\n", written in one pass
 * without the sorted copy (a 500-module synth made 56 MB of them for the garbage collector).
 */
export function jsonFile(value: unknown): string {
  return `${jsonText(value, "")}\n`;
}

function jsonText(value: unknown, indent: string): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object":
      break;
    default:
      return undefined; // undefined, functions, symbols: left out of objects, null in arrays (as JSON.stringify does)
  }
  if (value === null) return "null";
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => inner + (jsonText(item, inner) ?? "null")).join(",\n")}\n${indent}]`;
  }
  const members: string[] = [];
  for (const key of sortedKeys(value)) {
    if (key === "//") continue;
    const text = jsonText((value as Json)[key], inner);
    if (text !== undefined) members.push(`${inner}${JSON.stringify(key)}: ${text}`);
  }
  return members.length ? `{\n${members.join(",\n")}\n${indent}}` : "{}";
}

/** An object's keys sorted, integer-like ones first in numeric order: the order a sorted copy's keys come out in. */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value).sort();
  const isIndex = (key: string) => /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;
  if (!keys.some(isIndex)) return keys;
  return [...keys.filter(isIndex).sort((a, b) => Number(a) - Number(b)), ...keys.filter((key) => !isIndex(key))];
}

function put(files: Map<string, Json>, file: string, block: string, type: string | undefined, name: string, body: unknown): void {
  const doc = files.get(file) ?? {};
  files.set(file, doc);
  const section = (doc[block] ??= {}) as Json;
  if (type === undefined) section[name] = body;
  else ((section[type] ??= {}) as Json)[name] = body;
}

/** Splits a synthesized stack into module documents: file name -> Terraform JSON object. */
export function splitIntoFiles(stack: SynthesizedStack): Map<string, Json> {
  const files = new Map<string, Json>();
  const tf = stack.terraform as Record<string, Record<string, Record<string, unknown>>>;
  const fileFor = (address: string, fallback: string) => `${stack.serviceOf.get(address) ?? fallback}.tf.json`;
  for (const block of ["resource", "data"] as const)
    for (const [type, byName] of Object.entries(tf[block] ?? {}))
      for (const [name, body] of Object.entries(byName)) put(files, fileFor(`${block}.${type}.${name}`, "main"), block, type, name, body);
  for (const [name, body] of Object.entries(tf.variable ?? {})) put(files, "variables.tf.json", "variable", undefined, name, body);
  for (const [name, body] of Object.entries(tf.output ?? {})) put(files, "outputs.tf.json", "output", undefined, name, body);
  for (const [name, body] of Object.entries(tf.locals ?? {})) put(files, fileFor(`local.${name}`, "main"), "locals", undefined, name, body);
  // Deliberately dropped: tf.terraform (backend, exact provider pins), tf.provider, tf["//"].
  const usesAwscc = Object.keys(tf.resource ?? {}).some((t) => t.startsWith("awscc_"));
  const aliases = providerAliases(tf);
  const withAliases = (name: string, requirement: object) => (aliases[name] ? { ...requirement, configuration_aliases: aliases[name] } : requirement);
  files.set("versions.tf.json", {
    terraform: {
      required_version: REQUIRED_TERRAFORM,
      required_providers: { aws: withAliases("aws", AWS_PROVIDER), ...(usesAwscc ? { awscc: withAliases("awscc", AWSCC_PROVIDER) } : {}) },
    },
  });
  return files;
}

/**
 * Provider configurations the module's resources name (`provider = aws.failover`), by provider: the module declares
 * them as configuration_aliases and its caller passes them in (a module never configures providers itself).
 */
export function providerAliases(tf: Record<string, Record<string, Record<string, unknown>>>): Record<string, string[]> {
  const found: Record<string, Set<string>> = {};
  for (const block of ["resource", "data"] as const)
    for (const byName of Object.values(tf[block] ?? {}))
      for (const body of Object.values(byName)) {
        const ref = (body as { provider?: unknown }).provider;
        if (typeof ref === "string" && ref.includes(".")) (found[ref.split(".")[0]] ??= new Set()).add(ref);
      }
  return Object.fromEntries(Object.entries(found).map(([name, refs]) => [name, [...refs].sort()]));
}

export interface ModuleFiles {
  pipelineId: string;
  files: Map<string, string>;
}

function moduleFiles(docs: Map<string, Json>, readme: string, example: Json): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, doc] of [...docs.entries()].sort(([a], [b]) => a.localeCompare(b))) files.set(name, jsonFile(doc));
  files.set("README.md", readme);
  files.set(path.posix.join("examples", "basic", "main.tf.json"), jsonFile(example));
  return files;
}

/** Everything a module directory holds, as bytes, for one pipeline. */
export function renderModule(pipeline: ResolvedPipeline, extras: Pick<PipelineConstructProps, "playerSnippet" | "slateImageBase64"> = {}): ModuleFiles {
  const docs = splitIntoFiles(synthesizeStack({ plan: planPipeline(pipeline), ...extras }));
  return { pipelineId: pipeline.pipeline_id, files: moduleFiles(docs, renderModuleReadme(pipeline, docs), renderBasicExample(pipeline, docs)) };
}

/** The module holding what a template's creators share (their MediaPackage v2 channel group). */
export function renderSharedModule(spec: SharedChannelGroupSpec): ModuleFiles {
  const docs = splitIntoFiles(synthesizeWith((stack) => new SharedChannelGroup(stack, "shared", { spec })));
  return { pipelineId: spec.moduleId, files: moduleFiles(docs, renderSharedModuleReadme(spec, docs), renderSharedExample(spec)) };
}

/** The module of a template's fleet dashboard (a row per creator, fed by the creator modules' outputs). */
export function renderFleetModule(spec: FleetDashboardSpec): ModuleFiles {
  const plan = planFleetDashboard(spec);
  if (!plan) throw new Error(`generator bug: template ${spec.templateId} has no creator with a channel or a CDN for its fleet dashboard`);
  const docs = splitIntoFiles(synthesizeWith((stack) => new FleetDashboard(stack, "fleet", { spec, plan })));
  return { pipelineId: spec.moduleId, files: moduleFiles(docs, renderFleetModuleReadme(spec, docs), renderFleetExample(spec, docs)) };
}

/** Writes the module to `<outDir>/<pipeline_id>/`, replacing the previous one atomically. */
export function writeModule(module: ModuleFiles, outDir: string): string {
  const dir = path.join(outDir, module.pipelineId);
  replaceDirectoryAtomic(dir, module.files);
  return dir;
}
