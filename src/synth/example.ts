/**
 * examples/basic/main.tf.json: a root module that calls the generated module the way a user would,
 * with placeholder values for required inputs and secrets passed through as sensitive variables.
 */
import type { ResolvedPipeline } from "../core/resolve";
import { AWSCC_PROVIDER } from "../../generators/awscc/awscc-resource";
import { AWS_PROVIDER } from "../../generators/providers";
import type { SharedChannelGroupSpec } from "../../generators/shared-channel-group";
import type { FleetDashboardSpec } from "../../generators/fleet-dashboard";

import { providerAliasRegion } from "../terraform/working-root";
import type { Json } from "../types/json";

export interface VariableBlock {
  type?: string;
  description?: string;
  default?: unknown;
  sensitive?: boolean;
  validation?: Array<{ condition: string; error_message?: string }>;
}

export function moduleVariables(docs: Map<string, Json>): Record<string, VariableBlock> {
  return (docs.get("variables.tf.json")?.variable ?? {}) as Record<string, VariableBlock>;
}

/** Example values for required, non-secret inputs: documentation ranges and obviously fake ids. */
export function exampleValue(name: string, v: VariableBlock): unknown {
  if (name.endsWith("_allowed_cidrs")) return ["203.0.113.0/24"];
  if (name.endsWith("_backup_input_device_id")) return "hd-1123456789abcdef01234567";
  if (name.endsWith("_input_device_id")) return "hd-0123456789abcdef01234567";
  if (name.endsWith("_flow_arns")) {
    // as many flows as the variable's validation asks for (one per pipeline)
    const count = Number(/length\(var\.\w+\) == (\d+)/.exec(JSON.stringify(v.validation ?? []))?.[1] ?? 1);
    return Array.from({ length: count }, (_, i) => `arn:aws:mediaconnect:us-east-1:111122223333:flow:${i + 1}-example:studio${i ? "-b" : ""}`);
  }
  if (name.endsWith("_url")) return "https://example.com/live/index.m3u8";
  if (name.endsWith("_egress_domain")) return "abcde.egress.example.mediapackagev2.us-east-1.amazonaws.com";
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
  const usesAwscc = [...docs.values()].some((d) => Object.keys(d.resource ?? {}).some((t) => t.startsWith("awscc_")));
  const names = ["aws", ...(usesAwscc ? ["awscc"] : [])];
  // A module with configuration_aliases gets each aliased configuration from its caller: the failover region's, us-east-1's.
  const aliases = (docs.get("versions.tf.json")?.terraform?.required_providers ?? {}) as Record<string, { configuration_aliases?: string[] }>;
  const aliased = names.flatMap((n) => aliases[n]?.configuration_aliases ?? []);
  const configurations = (name: string) => [
    { region: pipeline.region },
    ...(aliases[name]?.configuration_aliases ?? []).map((ref) => ({
      alias: ref.split(".")[1],
      region: providerAliasRegion(ref.split(".")[1], pipeline.failover_region),
    })),
  ];
  if (aliased.length) moduleArgs.providers = Object.fromEntries([...names.map((n) => [n, n]), ...aliased.map((ref) => [ref, ref])]);
  return {
    terraform: {
      required_providers: { aws: AWS_PROVIDER, ...(usesAwscc ? { awscc: AWSCC_PROVIDER } : {}) },
    },
    provider: Object.fromEntries(names.map((n) => [n, configurations(n)])),
    ...(Object.keys(rootVariables).length ? { variable: rootVariables } : {}),
    module: { [pipeline.pipeline_id.replace(/-/g, "_")]: moduleArgs },
  };
}

/** The shared module's example: the group, and the outputs every creator module takes from it. */
export function renderSharedExample(spec: SharedChannelGroupSpec): Json {
  return {
    terraform: { required_providers: { aws: AWS_PROVIDER } },
    provider: { aws: [{ region: spec.region }] },
    module: { shared: { source: "../.." } },
    output: {
      mediapackage_channel_group_name: {
        value: "${module.shared.channel_group_name}",
        description: "Pass to every creator module as mediapackage_channel_group_name.",
      },
      mediapackage_egress_domain: { value: "${module.shared.egress_domain}", description: "Pass to every creator module as mediapackage_egress_domain." },
    },
  };
}

/**
 * The fleet module's example: the creators' entries come in as a root variable (in a root that also calls the creator
 * modules, each entry is { channel_id = module.<creator>.channel_id, distribution_id = module.<creator>.cloudfront_distribution_id }).
 */
export function renderFleetExample(spec: FleetDashboardSpec, docs: Map<string, Json>): Json {
  const creators = moduleVariables(docs).creators;
  return {
    terraform: { required_providers: { aws: AWS_PROVIDER } },
    provider: { aws: [{ region: spec.creators[0].region }] },
    variable: { creators: { type: creators.type, description: creators.description } },
    module: { fleet: { source: "../..", creators: "${var.creators}" } },
    output: { dashboard_name: { value: "${module.fleet.dashboard_name}", description: "Name of the fleet's CloudWatch dashboard." } },
  };
}
