/**
 * examples/basic/main.tf.json: a root module that calls the generated module the way a user would,
 * with placeholder values for required inputs and secrets passed through as sensitive variables.
 */
import type { ResolvedPipeline } from "../src/core/resolve";
import { AWSCC_PROVIDER } from "./awscc/awscc-resource";

type Json = Record<string, unknown>;

export interface VariableBlock {
  type?: string;
  description?: string;
  default?: unknown;
  sensitive?: boolean;
}

export function moduleVariables(docs: Map<string, Json>): Record<string, VariableBlock> {
  return ((docs.get("variables.tf.json")?.variable ?? {}) as Record<string, VariableBlock>);
}

/** Example values for required, non-secret inputs: documentation ranges and obviously fake ids. */
export function exampleValue(name: string, v: VariableBlock): unknown {
  if (name.endsWith("_allowed_cidrs")) return ["203.0.113.0/24"];
  if (name.endsWith("_input_device_id")) return "hd-0123456789abcdef01234567";
  if (name.endsWith("_flow_arns")) return ["arn:aws:mediaconnect:us-east-1:111122223333:flow:1-example:studio"];
  if (name.endsWith("_url")) return "https://example.com/live/index.m3u8";
  if (v.type?.startsWith("list")) return [];
  return `example-${name}`;
}

export function renderBasicExample(pipeline: ResolvedPipeline, docs: Map<string, Json>): Json {
  const vars = moduleVariables(docs);
  const moduleArgs: Json = { source: "../.." };
  const rootVariables: Json = {};
  for (const [name, v] of Object.entries(vars).sort(([a], [b]) => a.localeCompare(b))) {
    if (v.default !== undefined) continue;
    if (v.sensitive || name === "cloudfront_public_key_pem") {
      rootVariables[name] = { type: v.type ?? "string", description: v.description, sensitive: v.sensitive ?? false };
      moduleArgs[name] = `\${var.${name}}`;
    } else moduleArgs[name] = exampleValue(name, v);
  }
  const usesAwscc = [...docs.values()].some((d) => Object.keys((d.resource ?? {}) as Json).some((t) => t.startsWith("awscc_")));
  return {
    terraform: {
      required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.100.0, < 7.0.0" }, ...(usesAwscc ? { awscc: AWSCC_PROVIDER } : {}) },
    },
    provider: { aws: [{ region: pipeline.region }], ...(usesAwscc ? { awscc: [{ region: pipeline.region }] } : {}) },
    ...(Object.keys(rootVariables).length ? { variable: rootVariables } : {}),
    module: { [pipeline.pipeline_id.replace(/-/g, "_")]: moduleArgs },
  };
}
