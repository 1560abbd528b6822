/**
 * Checks MediaLive resources of a module against the MediaLive API model: every attribute is a member
 * of the API shape, required members are present, enum values and numeric ranges are the API's.
 * Terraform's attribute names are the API's member names in snake_case, with the exceptions below.
 */
import { ApiModel, medialiveModel } from "./api-model";
import { Finding, isInterpolated } from "./findings";

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

export function checkAgainstApiModel(model: ApiModel, typeName: string, value: unknown, where: string, file: string, findings: Finding[]): void {
  const type = model.get(typeName);
  if (!type || isInterpolated(value) || value === null) return;
  const report = (message: string, at = where) => findings.push({ rule: "MEDIALIVE-API-MODEL", file, path: at, message });
  switch (type.kind) {
    case "enum":
      if (typeof value === "string" && !type.values.includes(value)) report(`${JSON.stringify(value)} is not a ${typeName}; the MediaLive API allows ${type.values.join(", ")}`);
      return;
    case "number":
      if (typeof value !== "number") return;
      if (type.min !== undefined && value < type.min) report(`${value} is below the minimum ${type.min} of ${typeName}`);
      if (type.max !== undefined && value > type.max) report(`${value} is above the maximum ${type.max} of ${typeName}`);
      return;
    case "list":
      if (Array.isArray(value)) value.forEach((v, i) => checkAgainstApiModel(model, type.element, v, `${where}[${i}]`, file, findings));
      return;
    case "structure": {
      // Terraform writes single nested blocks as a one-element list.
      const obj = Array.isArray(value) && value.length === 1 ? value[0] : value;
      if (!obj || typeof obj !== "object" || Array.isArray(obj)) return;
      const byNormalized = new Map([...type.members.keys()].map((m) => [normalize(m), m]));
      const present = new Set<string>();
      for (const [key, child] of expandDynamicBlocks(obj as Record<string, unknown>)) {
        if (TERRAFORM_ONLY.has(key)) continue;
        const member = TERRAFORM_TO_API_MEMBER[key] ?? byNormalized.get(normalize(key));
        if (!member || !type.members.has(member)) {
          report(`'${key}' is not a member of ${typeName} in the MediaLive API`, `${where}.${key}`);
          continue;
        }
        present.add(member);
        checkAgainstApiModel(model, type.members.get(member)!.type, child, `${where}.${key}`, file, findings);
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
    else for (const [block, d] of Object.entries(child as Record<string, { content?: unknown }>)) entries.push([block, ([] as unknown[]).concat(d?.content ?? [])]);
  }
  return entries;
}

/** Checks every MediaLive resource in one module file's JSON. */
export function checkMediaLiveResources(doc: Record<string, any>, file: string, model: ApiModel = medialiveModel()): Finding[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  const findings: Finding[] = [];
  for (const [type, shape] of Object.entries(MEDIALIVE_RESOURCE_SHAPES))
    for (const [name, body] of Object.entries((doc.resource?.[type] ?? {}) as Record<string, unknown>))
      checkAgainstApiModel(model, shape, body, `resource.${type}.${name}`, file, findings);
  return findings;
}
