/**
 * Checks MediaLive resources of a module against the MediaLive API model: every attribute is a member
 * of the API shape, required members are present, enum values and numeric ranges are the API's.
 * Terraform's attribute names are the API's member names in snake_case, with the exceptions below.
 */
import { ApiModel, medialiveModel } from "./api-model";
import { Finding, isInterpolated } from "./findings";
import type { Json } from "../types/json";

/** Where hashicorp/aws names a block differently from the API member it fills (singular blocks for API lists). */
export const TERRAFORM_TO_API_MEMBER: Record<string, string> = {
  audio_selector: "AudioSelectors",
  caption_selector: "CaptionSelectors",
  failover_condition: "FailoverConditions",
  media_package_settings: "MediaPackageSettings",
  input_resolution: "Resolution",
};

/** Terraform-only attributes with no API counterpart. */
const TERRAFORM_ONLY = new Set(["//", "start_channel", "tags", "tags_all", "depends_on", "lifecycle", "timeouts", "provider", "count", "for_each"]);

/** The API request shape each resource type fills. */
export const MEDIALIVE_RESOURCE_SHAPES: Record<string, string> = {
  aws_medialive_channel: "CreateChannelRequest",
  aws_medialive_input: "CreateInputRequest",
  aws_medialive_input_security_group: "CreateInputSecurityGroupRequest",
};

const normalize = (name: string) => name.replace(/_/g, "").toLowerCase();

/**
 * `terraform`: the value is written as Terraform blocks (snake_case names, the alias table, one-element lists
 * for single blocks, dynamic blocks); false: it is the API's own JSON (exact member names).
 */
export function checkAgainstApiModel(
  model: ApiModel,
  typeName: string,
  value: unknown,
  where: string,
  file: string,
  findings: Finding[],
  rule = "MEDIALIVE-API-MODEL",
  service = "MediaLive",
  terraform = true,
): void {
  const type = model.get(typeName);
  if (!type || isInterpolated(value) || value === null) return;
  const report = (message: string, at = where) => findings.push({ rule, file, path: at, message });
  switch (type.kind) {
    case "enum":
      if (typeof value === "string" && !type.values.includes(value))
        report(`${JSON.stringify(value)} is not a ${typeName}; the ${service} API allows ${type.values.join(", ")}`);
      return;
    case "number":
      if (typeof value !== "number") return;
      if (type.min !== undefined && value < type.min) report(`${value} is below the minimum ${type.min} of ${typeName}`);
      if (type.max !== undefined && value > type.max) report(`${value} is above the maximum ${type.max} of ${typeName}`);
      return;
    case "list":
      if (Array.isArray(value))
        value.forEach((v, i) => checkAgainstApiModel(model, type.element, v, `${where}[${i}]`, file, findings, rule, service, terraform));
      return;
    case "structure": {
      // Terraform writes single nested blocks as a one-element list.
      const obj = terraform && Array.isArray(value) && value.length === 1 ? value[0] : value;
      if (!obj || typeof obj !== "object" || Array.isArray(obj)) return;
      const byNormalized = new Map([...type.members.keys()].map((m) => [normalize(m), m]));
      const present = new Set<string>();
      const entries = terraform ? expandDynamicBlocks(obj as Record<string, unknown>) : Object.entries(obj as Record<string, unknown>);
      for (const [key, child] of entries) {
        if (terraform && TERRAFORM_ONLY.has(key)) continue;
        const member = terraform ? (TERRAFORM_TO_API_MEMBER[key] ?? byNormalized.get(normalize(key))) : key;
        if (!member || !type.members.has(member)) {
          const near = terraform ? undefined : byNormalized.get(normalize(key));
          report(`'${key}' is not a member of ${typeName} in the ${service} API${near ? ` (did you mean ${near}?)` : ""}`, `${where}.${key}`);
          continue;
        }
        present.add(member);
        checkAgainstApiModel(model, type.members.get(member)!.type, child, `${where}.${key}`, file, findings, rule, service, terraform);
      }
      for (const [member, m] of type.members) if (m.required && !present.has(member)) report(`${typeName} requires ${member}`);
      return;
    }
    default:
      return;
  }
}

/**
 * Terraform's `dynamic "whitelist_rules" { for_each = ..., content { cidr = ... } }` stands for whitelist_rules
 * blocks shaped like its content: check the content as that block.
 */
function expandDynamicBlocks(obj: Record<string, unknown>): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = [];
  for (const [key, child] of Object.entries(obj)) {
    if (key !== "dynamic" || !child || typeof child !== "object") entries.push([key, child]);
    else
      for (const [block, d] of Object.entries(child as Record<string, { content?: unknown }>))
        entries.push([block, ([] as unknown[]).concat(d?.content ?? [])]);
  }
  return entries;
}

/** Checks every MediaLive resource in one module file's JSON. */
export function checkMediaLiveResources(doc: Json, file: string, model: ApiModel = medialiveModel()): Finding[] {
  const findings: Finding[] = [];
  for (const [type, shape] of Object.entries(MEDIALIVE_RESOURCE_SHAPES))
    for (const [name, body] of Object.entries((doc.resource?.[type] ?? {}) as Record<string, unknown>))
      checkAgainstApiModel(model, shape, body, `resource.${type}.${name}`, file, findings);
  return findings;
}

/** awscc MediaConvert resources whose settings_json is MediaConvert API JSON, and the API shape it is. */
export const MEDIACONVERT_SETTINGS_SHAPES: Record<string, string> = {
  awscc_mediaconvert_job_template: "JobTemplateSettings",
  awscc_mediaconvert_preset: "PresetSettings",
};

/**
 * MEDIACONVERT-API-MODEL: the job settings of awscc MediaConvert job templates and presets, held to the
 * MediaConvert API model (exact member names, required members, enums, ranges); CloudFormation types
 * settings_json only as "json". settings_json is either literal JSON, or `${jsonencode(local.NAME)}` with the
 * settings kept as a local object in the same file (the generators keep them in `locals.job_settings`, checked
 * even when no resource in the file points at it). Other expressions cannot be checked statically.
 */
export function checkMediaConvertSettings(doc: Json, file: string, model: ApiModel): Finding[] {
  const findings: Finding[] = [];
  const check = (shape: string, value: unknown, where: string) =>
    checkAgainstApiModel(model, shape, value, where, file, findings, "MEDIACONVERT-API-MODEL", "MediaConvert", false);
  const checkedLocals = new Set<string>();
  for (const [type, shape] of Object.entries(MEDIACONVERT_SETTINGS_SHAPES))
    for (const [name, body] of Object.entries((doc.resource?.[type] ?? {}) as Record<string, { settings_json?: unknown }>)) {
      const where = `resource.${type}.${name}.settings_json`;
      const raw = body.settings_json;
      if (typeof raw !== "string") continue;
      const local = /^\$\{\s*jsonencode\(\s*local\.([A-Za-z_][\w-]*)\s*\)\s*\}$/.exec(raw.trim())?.[1];
      if (local) {
        if (doc.locals?.[local] !== undefined && !checkedLocals.has(local)) {
          checkedLocals.add(local);
          check(shape, doc.locals[local], `locals.${local}`);
        }
        continue;
      }
      if (/^\$\{[\s\S]*\}$/.test(raw.trim())) continue;
      let settings: unknown;
      try {
        settings = JSON.parse(raw);
      } catch (e) {
        findings.push({ rule: "MEDIACONVERT-API-MODEL", file, path: where, message: `settings_json is not JSON: ${(e as Error).message}` });
        continue;
      }
      check(shape, settings, where);
    }
  if (doc.locals?.job_settings !== undefined && !checkedLocals.has("job_settings"))
    check("JobTemplateSettings", doc.locals.job_settings, "locals.job_settings");
  return findings;
}
