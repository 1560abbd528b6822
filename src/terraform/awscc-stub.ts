/**
 * hashicorp/awscc cannot be installed offline here; for offline review plans a copy of a module
 * replaces its awscc resources, and every reference to them, with terraform_data stand-ins whose output,
 * like the real computed attribute, is unknown until apply (so the plan treats it as AWS would, and the
 * provider does not validate such values against AWS APIs at plan time).
 */
import * as fs from "node:fs";
import * as path from "node:path";

import type { Json } from "../types/json";

// An attribute may be nested (hls_configuration.manifest_endpoint_prefix): the stand-in takes the whole path.
const AWSCC_REFERENCE = /awscc_([a-z0-9_]+)\.([a-z0-9_]+)\.([a-z0-9_]+(?:\.[a-z0-9_]+)*)(\[\d+\])?/g;

function stubValue(attribute: string): string {
  if (attribute.includes("arn")) return "arn:aws:mediapackagev2:us-east-1:111122223333:channelGroup/stub/channel/stub";
  if (attribute.endsWith("endpoint_prefix")) return "https://stub.mediatailor.us-east-1.amazonaws.com/v1/master/stub/stub/";
  if (attribute.includes("url")) return "https://stub.egress.mediapackagev2.us-east-1.amazonaws.com/in/v1/stub/1/stub/index";
  return "stub";
}

/** Prefix of the stand-ins that carry an awscc resource's configuration (keepConfiguration). */
const CONFIGURATION_PREFIX = "awscc__";
const JSONENCODED_LOCAL = /^\$\{jsonencode\((local\.[a-z0-9_]+)\)\}$/;

/**
 * Copies a module without awscc resources; references to them become terraform_data outputs. Returns the stand-ins' names.
 * With keepConfiguration, each awscc resource also becomes a terraform_data whose input is its configuration (a
 * jsonencode()d local as the object itself, so a plan shows its known parts); restoreAwsccResources puts them back
 * into `terraform show -json` output under their awscc type.
 */
export function stubAwsccResources(moduleDir: string, outDir: string, options: { keepConfiguration?: boolean } = {}): string[] {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const stubs = new Map<string, string>();
  const referenced = (text: string) =>
    text.replace(AWSCC_REFERENCE, (_m, type: string, name: string, attr: string) => {
      const variable = `stub_${type}_${name}_${attr.replace(/\./g, "_")}`;
      stubs.set(variable, stubValue(attr));
      return `terraform_data.${variable}.output`;
    });
  const configurations: Json = {};
  for (const file of fs.readdirSync(moduleDir).filter((f) => f.endsWith(".tf.json"))) {
    const doc = JSON.parse(fs.readFileSync(path.join(moduleDir, file), "utf8")) as Json;
    for (const type of Object.keys(doc.resource ?? {})) {
      if (!type.startsWith("awscc_")) continue;
      if (options.keepConfiguration)
        for (const [name, body] of Object.entries(doc.resource[type] as Json))
          configurations[`${CONFIGURATION_PREFIX}${type.slice("awscc_".length)}__${name}`] = {
            input: unwrapJsonencodedLocals(withoutMetaArguments(body as Json)),
          };
      delete doc.resource[type];
    }
    if (doc.resource && Object.keys(doc.resource).length === 0) delete doc.resource;
    delete doc.terraform?.required_providers?.awscc;
    // Pretty-printed like the module itself, so terraform's errors point at a real line.
    fs.writeFileSync(path.join(outDir, file), referenced(JSON.stringify(doc, null, 2) + "\n"));
  }
  const kept = JSON.parse(referenced(JSON.stringify(configurations))) as Json;
  const standIns = { ...Object.fromEntries([...stubs].map(([name, value]) => [name, { input: value }])), ...kept };
  if (Object.keys(standIns).length)
    fs.writeFileSync(path.join(outDir, "harness_stubs.tf.json"), JSON.stringify({ resource: { terraform_data: standIns } }, null, 2) + "\n");
  return [...stubs.keys()];
}

/** A resource's own configuration: `provider` (aws.failover) chooses where it is created, it is not an attribute. */
function withoutMetaArguments(body: Json): Json {
  const { provider: _provider, ...rest } = body;
  return rest;
}

function unwrapJsonencodedLocals(value: unknown): unknown {
  if (typeof value === "string") return value.replace(JSONENCODED_LOCAL, "${$1}");
  if (Array.isArray(value)) return value.map(unwrapJsonencodedLocals);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapJsonencodedLocals(v)]));
  return value;
}

/** `terraform show -json` output with the keepConfiguration stand-ins shown as the awscc resources they stand for. */
export function restoreAwsccResources(shown: Json): Json {
  const restore = (module: Json | undefined): Json | undefined =>
    module && {
      ...module,
      resources: (module.resources ?? []).map((r: Json) =>
        r.type === "terraform_data" && r.name.startsWith(CONFIGURATION_PREFIX)
          ? (([type, name]) => ({
              ...r,
              type: `awscc_${type}`,
              name,
              address: r.address.replace(`terraform_data.${r.name}`, `awscc_${type}.${name}`),
              values: r.values?.input ?? {},
            }))(r.name.slice(CONFIGURATION_PREFIX.length).split("__"))
          : r,
      ),
      child_modules: (module.child_modules ?? []).map(restore),
    };
  return { ...shown, planned_values: { ...shown.planned_values, root_module: restore(shown.planned_values?.root_module) } };
}
