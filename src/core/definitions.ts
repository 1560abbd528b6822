/**
 * Loads definition files (pipelines and templates) from files and folders, validates them
 * (secrets, schema, semantic rules) and resolves them. All problems of all files are collected, so
 * one run tells the user everything; any error means no pipeline is returned.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PipelineDefinition } from "../types/pipeline.generated";
import type { PipelineTemplate } from "../types/template.generated";
import { loadCatalog } from "./catalog";
import { DEFINITION_EXTENSIONS, readDocument } from "./parse-document";
import { Problem, UserError, capProblems, errorsOnly, jsonPath } from "./problems";
import { ResolvedPipeline, resolvePipeline } from "./resolve";
import { runSemanticRules } from "./semantic-rules";
import { validateAgainstSchema } from "./schema-validation";
import { findSecretLiterals } from "./secret-scan";

export interface LoadedPipeline {
  file: string;
  definition: PipelineDefinition;
  resolved: ResolvedPipeline;
  /** Set when the pipeline was expanded from a template. */
  template?: { template_id: string; creator: string; channel_group_shared: boolean; creators: string[] };
}

export interface LoadResult {
  pipelines: LoadedPipeline[];
  warnings: Problem[];
  files: string[];
}

/** Expands folders to the definition files directly inside them (sorted), keeps files as given. */
export function expandDefinitionPaths(inputs: string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw new UserError(`no such file or folder: ${input}`, [
        { file: input, path: "$", message: "file or folder not found", severity: "error", rule: "syntax" },
      ]);
    }
    if (stat.isDirectory()) {
      const inDir = fs
        .readdirSync(input)
        .filter((f) => DEFINITION_EXTENSIONS.has(path.extname(f).toLowerCase()) && !f.startsWith("."))
        .sort()
        .map((f) => path.join(input, f));
      if (inDir.length === 0) throw new UserError(`no .json, .yaml or .yml definitions in ${input}`);
      files.push(...inDir);
    } else files.push(input);
  }
  return [...new Set(files)];
}

const SHARED_MODULE_SUFFIX = "shared";

const FLEET_MODULE_SUFFIX = "fleet";

/** The module holding a template's fleet dashboard (a row per creator). */
export function fleetModuleId(templateId: string): string {
  return `${templateId}-${FLEET_MODULE_SUFFIX}`;
}

/** The module that owns what a template's creators share (one MediaPackage v2 channel group). */
export function sharedModuleId(templateId: string): string {
  return `${templateId}-${SHARED_MODULE_SUFFIX}`;
}

export function isTemplateDocument(data: unknown): boolean {
  return !!data && typeof data === "object" && "template_id" in data;
}

/** Validates one pipeline document (already parsed); returns its problems. */
export function checkPipelineDocument(data: unknown, file: string, basePath: Array<string | number> = []): Problem[] {
  const secrets = findSecretLiterals(data, file).map((p) => ({ ...p, path: rebase(p.path, basePath) }));
  const secretPaths = secrets.map((p) => p.path);
  const schema = validateAgainstSchema("pipeline", data, file, basePath).filter(
    (p) => !secretPaths.some((s) => p.path === s || p.path.startsWith(s + ".") || p.path.startsWith(s + "[") || s.startsWith(p.path + ".")),
  );
  if (errorsOnly([...secrets, ...schema]).length > 0) return [...secrets, ...schema];
  return runSemanticRules(data as PipelineDefinition, loadCatalog(), file, basePath);
}

function rebase(p: string, basePath: Array<string | number>): string {
  return basePath.length ? jsonPath(basePath) + p.slice(1) : p;
}

function loadPipelineFile(file: string, data: unknown, problems: Problem[]): LoadedPipeline[] {
  const found = checkPipelineDocument(data, file);
  problems.push(...found);
  if (errorsOnly(found).length) return [];
  const definition = data as PipelineDefinition;
  return [{ file, definition, resolved: resolvePipeline(definition, loadCatalog()) }];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/** Overrides replace arrays and scalars, and merge objects (tags, usage, vod). */
export function mergeDefinition(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlainObject(v) && isPlainObject(out[k]) ? mergeDefinition(out[k], v) : v;
  return out;
}

/** Turns a template into one pipeline definition per creator. Schema-invalid templates throw. */
export function expandTemplate(template: PipelineTemplate): Array<{ creator: string; index: number; definition: Record<string, unknown> }> {
  return template.creators.map((c, index) => {
    const creator = typeof c === "string" ? { id: c } : c;
    const merged = mergeDefinition(template.defaults, (creator as { overrides?: Record<string, unknown> }).overrides ?? {});
    const { $schema: _ignored, ...rest } = merged;
    return {
      creator: creator.id,
      index,
      definition: {
        ...rest,
        pipeline_id: `${template.template_id}-${creator.id}`,
        title: (creator as { title?: string }).title ?? (rest.title as string | undefined) ?? `${template.template_id} ${creator.id}`,
        tags: { ...((rest.tags as Record<string, string>) ?? {}), Creator: creator.id, Template: template.template_id },
      },
    };
  });
}

/** Creator ids a template's own modules use (<template>-fleet, and <template>-shared when creators share a channel group), with why. */
function reservedCreatorIds(templateId: string, sharedChannelGroup: boolean): Map<string, string> {
  const reserved = new Map([[FLEET_MODULE_SUFFIX, `${fleetModuleId(templateId)} is the module holding the template's fleet dashboard`]]);
  if (sharedChannelGroup) reserved.set(SHARED_MODULE_SUFFIX, `${sharedModuleId(templateId)} is the module holding the creators' shared channel group`);
  return reserved;
}

function loadTemplateFile(file: string, data: unknown, problems: Problem[]): LoadedPipeline[] {
  const secrets = findSecretLiterals(data, file);
  const schema = validateAgainstSchema("template", data, file);
  problems.push(...secrets, ...schema);
  if (errorsOnly([...secrets, ...schema]).length) return [];
  const template = data as PipelineTemplate;
  const out: LoadedPipeline[] = [];
  const creatorIds = new Set<string>();
  for (const { creator, index, definition } of expandTemplate(template)) {
    if (creatorIds.has(creator)) {
      problems.push({ file, path: jsonPath(["creators", index]), message: `duplicate creator '${creator}'`, severity: "error", rule: "BMF-DUPLICATE-ID" });
      continue;
    }
    creatorIds.add(creator);
    // Report problems where the user wrote the value: in the creator's overrides if it set that key, else in defaults.
    const overrides = (template.creators[index] as { overrides?: Record<string, unknown> }).overrides ?? {};
    const found = checkPipelineDocument(definition, file).map((p) => {
      const top = /^\$\.([A-Za-z_]+)/.exec(p.path)?.[1];
      const base = top === "pipeline_id" ? ["creators", index] : top && top in overrides ? ["creators", index, "overrides"] : ["defaults"];
      return { ...p, path: jsonPath(base) + p.path.slice(1), message: `${p.message} (creator '${creator}')` };
    });
    problems.push(...found);
    if (errorsOnly(found).length) continue;
    const def = definition as unknown as PipelineDefinition;
    const shared = template.shared?.channel_group ?? true;
    const takenBy = reservedCreatorIds(template.template_id, shared).get(creator);
    if (takenBy) {
      problems.push({
        file,
        path: jsonPath(["creators", index]),
        message: `creator id '${creator}' is taken: ${takenBy}`,
        severity: "error",
        rule: "BMF-DUPLICATE-ID",
      });
      continue;
    }
    const resolved = resolvePipeline(def, loadCatalog());
    // Only pipelines with MediaPackage (CloudFront playback) have a channel group to share.
    if (shared && resolved.live && resolved.outputs.some((o) => o.kind === "cdn"))
      resolved.shared_channel_group = { template_id: template.template_id, module_id: sharedModuleId(template.template_id) };
    const creators = template.creators.map((c) => (typeof c === "string" ? c : c.id));
    out.push({ file, definition: def, resolved, template: { template_id: template.template_id, creator, channel_group_shared: shared, creators } });
  }
  problems.push(...sharedRegionProblems(template, out, file));
  return out;
}

/** A channel group is regional: every creator that joins the shared one must be in the first joiner's region. */
function sharedRegionProblems(template: PipelineTemplate, loaded: LoadedPipeline[], file: string): Problem[] {
  const joiners = loaded.filter((p) => p.resolved.shared_channel_group);
  const region = joiners[0]?.resolved.region;
  const pathOf = (p: LoadedPipeline, key: string) => {
    const index = template.creators.findIndex((c) => (typeof c === "string" ? c : c.id) === p.template!.creator);
    const overrides = (template.creators[index] as { overrides?: Record<string, unknown> }).overrides ?? {};
    return jsonPath(key in overrides ? ["creators", index, "overrides", key] : ["defaults", key]);
  };
  // The failover origin is reached on the same path as the primary's, so it needs a channel group of the same name in its own region.
  const failover = joiners
    .filter((p) => p.resolved.failover_region)
    .map((p) => ({
      file,
      path: pathOf(p, "failover_region"),
      message: `creator '${p.template!.creator}' has a failover region, which needs a channel group of its own in each region; set shared.channel_group to false`,
      severity: "error" as const,
      rule: "BMF-FAILOVER-REGION",
    }));
  return joiners
    .filter((p) => p.resolved.region !== region)
    .map((p) => {
      const index = template.creators.findIndex((c) => (typeof c === "string" ? c : c.id) === p.template!.creator);
      const overrides = (template.creators[index] as { overrides?: Record<string, unknown> }).overrides ?? {};
      return {
        file,
        path: jsonPath("region" in overrides ? ["creators", index, "overrides", "region"] : ["defaults", "region"]),
        message: `creator '${p.template!.creator}' is in ${p.resolved.region} but the creators' shared channel group is in ${region} (a channel group serves one region); keep one region or set shared.channel_group to false`,
        severity: "error" as const,
        rule: "BMF-SHARED-REGION",
      };
    })
    .concat(failover);
}

/** Loads, validates and resolves every definition under `inputs`; throws UserError listing every problem. */
export function loadPipelines(inputs: string[]): LoadResult {
  const files = expandDefinitionPaths(inputs);
  const problems: Problem[] = [];
  const pipelines: LoadedPipeline[] = [];
  for (const file of files) {
    let data: unknown;
    try {
      data = readDocument(file).data;
    } catch (err) {
      if (err instanceof UserError) {
        problems.push(...err.problems);
        continue;
      }
      throw err;
    }
    pipelines.push(...(isTemplateDocument(data) ? loadTemplateFile(file, data, problems) : loadPipelineFile(file, data, problems)));
  }
  // Ids that differ only in _ and - become the same AWS names (name_prefix), so they are one id.
  const first = new Map<string, LoadedPipeline>();
  for (const p of pipelines) {
    const id = p.resolved.pipeline_id;
    const other = first.get(awsNameOf(id));
    if (!other) first.set(awsNameOf(id), p);
    else if (other.resolved.pipeline_id === id)
      problems.push({
        file: p.file,
        path: "$.pipeline_id",
        message: `pipeline_id '${id}' is already used by ${other.file}`,
        severity: "error",
        rule: "BMF-DUPLICATE-PIPELINE",
      });
    else
      problems.push({
        file: p.file,
        path: "$.pipeline_id",
        message: `pipeline_id '${id}' and '${other.resolved.pipeline_id}' (${other.file}) both become the AWS name prefix '${awsNameOf(id)}', so their resources would collide; rename one`,
        severity: "error",
        rule: "BMF-DUPLICATE-PIPELINE",
      });
  }
  const errors = errorsOnly(problems);
  if (errors.length) throw new UserError(`${errors.length} problem${errors.length > 1 ? "s" : ""} in the definitions`, capProblems(problems));
  return { pipelines, warnings: problems, files };
}

export interface ModuleTarget {
  moduleId: string;
  /** The pipeline the module was generated from; for a shared module, one of the creators sharing it (region, usage). */
  pipeline: LoadedPipeline;
  /** The module is a template's shared module (<template>-shared), not a pipeline's. */
  shared: boolean;
}

/** A generated module by id: a pipeline's, or a template's shared module found among the definitions. */
export function findModule(name: string, searchPaths: string[]): ModuleTarget {
  if (isFile(name)) {
    const pipeline = findPipeline(name, searchPaths);
    return { moduleId: pipeline.resolved.pipeline_id, pipeline, shared: false };
  }
  const { pipelines } = loadPipelines(searchPaths.filter((p) => fs.existsSync(p)));
  const creator = pipelines.find((p) => p.resolved.shared_channel_group?.module_id === name);
  if (creator) return { moduleId: name, pipeline: creator, shared: true };
  const pipeline = pipelineById(pipelines, name, searchPaths);
  return { moduleId: pipeline.resolved.pipeline_id, pipeline, shared: false };
}

const isFile = (name: string) => fs.existsSync(name) && fs.statSync(name).isFile();

/** Finds one pipeline by id (or definition file) among the definitions under `searchPaths`. */
export function findPipeline(nameOrFile: string, searchPaths: string[]): LoadedPipeline {
  if (isFile(nameOrFile)) {
    const { pipelines } = loadPipelines([nameOrFile]);
    if (pipelines.length === 1) return pipelines[0];
    throw new UserError(
      `${nameOrFile} defines ${pipelines.length} pipelines (a template); name one: ${pipelines.map((p) => p.resolved.pipeline_id).join(", ")}`,
    );
  }
  return pipelineById(loadPipelines(searchPaths.filter((p) => fs.existsSync(p))).pipelines, nameOrFile, searchPaths);
}

/** A pipeline id as it appears in AWS names: the module's default name_prefix (generators/context.ts), _ become -. */
export function awsNameOf(pipelineId: string): string {
  return pipelineId.replace(/_/g, "-");
}

function pipelineById(pipelines: LoadedPipeline[], id: string, searchPaths: string[]): LoadedPipeline {
  // Exact id first; else the one pipeline with that AWS name (loading refuses two with the same one).
  const hit = pipelines.find((p) => p.resolved.pipeline_id === id) ?? pipelines.find((p) => awsNameOf(p.resolved.pipeline_id) === awsNameOf(id));
  if (!hit) {
    const ids = pipelines.map((p) => p.resolved.pipeline_id);
    throw new UserError(`no pipeline '${id}' in ${searchPaths.join(", ")}; known: ${ids.join(", ") || "none"}`);
  }
  return hit;
}
