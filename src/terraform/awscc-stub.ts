/**
 * hashicorp/awscc cannot be installed offline here; for offline review plans a copy of a module
 * replaces its awscc resources, and every reference to them, with terraform_data stand-ins whose output,
 * like the real computed attribute, is unknown until apply (so the plan treats it as AWS would, and the
 * provider does not validate such values against AWS APIs at plan time).
 */
import * as fs from "node:fs";
import * as path from "node:path";

import type { Json } from "../types/json";

const AWSCC_REFERENCE = /awscc_([a-z0-9_]+)\.([a-z0-9_]+)\.([a-z0-9_]+)(\[\d+\])?/g;

function stubValue(attribute: string): string {
  if (attribute.includes("arn")) return "arn:aws:mediapackagev2:us-east-1:111122223333:channelGroup/stub/channel/stub";
  if (attribute.includes("url")) return "https://stub.egress.mediapackagev2.us-east-1.amazonaws.com/in/v1/stub/1/stub/index";
  return "stub";
}

/** Copies a module without awscc resources; references to them become terraform_data outputs. Returns the stand-ins' names. */
export function stubAwsccResources(moduleDir: string, outDir: string): string[] {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const stubs = new Map<string, string>();
  for (const file of fs.readdirSync(moduleDir).filter((f) => f.endsWith(".tf.json"))) {
    const doc = JSON.parse(fs.readFileSync(path.join(moduleDir, file), "utf8")) as Json;
    for (const type of Object.keys(doc.resource ?? {})) if (type.startsWith("awscc_")) delete doc.resource[type];
    if (doc.resource && Object.keys(doc.resource).length === 0) delete doc.resource;
    delete doc.terraform?.required_providers?.awscc;
    // Pretty-printed like the module itself, so terraform's errors point at a real line.
    const text = (JSON.stringify(doc, null, 2) + "\n").replace(AWSCC_REFERENCE, (_m, type: string, name: string, attr: string) => {
      const variable = `stub_${type}_${name}_${attr}`;
      stubs.set(variable, stubValue(attr));
      return `terraform_data.${variable}.output`;
    });
    fs.writeFileSync(path.join(outDir, file), text);
  }
  const standIns = Object.fromEntries([...stubs].map(([name, value]) => [name, { input: value }]));
  if (stubs.size) fs.writeFileSync(path.join(outDir, "harness_stubs.tf.json"), JSON.stringify({ resource: { terraform_data: standIns } }, null, 2) + "\n");
  return [...stubs.keys()];
}

