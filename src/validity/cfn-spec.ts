/**
 * Checks resources against AWS's CloudFormation resource schemas, as shipped in
 * `@aws-cdk/aws-service-spec`: awscc resources in full (awscc is generated from these schemas, its
 * attributes are the properties in snake_case), and for hashicorp/aws resources the attribute paths
 * listed in AWS_ATTRIBUTE_SPECS, whose values AWS constrains to a list.
 *
 * What the database has: resource types, properties with their types (nested type definitions by
 * reference), `required`, and enums (`allowedValues`). What it does not have: the registry schemas'
 * `pattern`, `minLength`/`maxLength`, `minimum`/`maximum` — the importer drops them — so those are not checked here.
 */
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { ApiService, apiModel } from "./api-model";
import { Finding, isInterpolated } from "./findings";
import type { Traversal } from "./expressions";
import type { Json } from "../types/json";

interface CfnType {
  type: string;
  element?: CfnType;
  reference?: { $ref: string };
  allowedValues?: string[];
  types?: CfnType[];
}
interface CfnProperty {
  type: CfnType;
  required?: boolean;
}
interface CfnResource {
  $id: string;
  cloudFormationType: string;
  properties: Record<string, CfnProperty>;
  /** read-only attributes (Arn, CreatedAt, IngestEndpointUrls, ...) */
  attributes?: Record<string, CfnProperty>;
}
interface CfnTypeDefinition {
  $id: string;
  name: string;
  properties: Record<string, CfnProperty>;
}

export class CfnSpec {
  private constructor(
    private readonly resources: Map<string, CfnResource>,
    private readonly typeDefinitions: Map<string, CfnTypeDefinition>,
  ) {}

  static load(): CfnSpec {
    const file = require.resolve("@aws-cdk/aws-service-spec/db.json.gz");
    const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString("utf8"));
    const resources = new Map<string, CfnResource>();
    for (const r of Object.values<CfnResource>(db.schema.resource.entities)) resources.set(r.cloudFormationType, r);
    const typeDefinitions = new Map<string, CfnTypeDefinition>();
    for (const t of Object.values<CfnTypeDefinition>(db.schema.typeDefinition.entities)) typeDefinitions.set(t.$id, t);
    return new CfnSpec(resources, typeDefinitions);
  }

  resource(cfnType: string): CfnResource | undefined {
    return this.resources.get(cfnType);
  }

  /** awscc_mediapackagev2_origin_endpoint -> AWS::MediaPackageV2::OriginEndpoint, found by comparing squashed names. */
  cfnTypeForAwscc(terraformType: string): string | undefined {
    const squashed = terraformType.replace(/^awscc_/, "").replace(/_/g, "");
    for (const t of this.resources.keys())
      if (
        t
          .replace(/^AWS::/, "")
          .replace(/::/g, "")
          .toLowerCase() === squashed
      )
        return t;
    return undefined;
  }

  typeDefinition(ref: string): CfnTypeDefinition | undefined {
    return this.typeDefinitions.get(ref);
  }

  /** The CfnProperty at a property path like ["DistributionConfig", "DefaultCacheBehavior", "ViewerProtocolPolicy"]. */
  propertyAt(cfnType: string, pathInResource: string[]): CfnProperty | undefined {
    let properties = this.resource(cfnType)?.properties;
    let prop: CfnProperty | undefined;
    for (const name of pathInResource) {
      prop = properties?.[name];
      if (!prop) return undefined;
      let t = prop.type;
      while (t.type === "array" && t.element) t = t.element;
      properties = t.type === "ref" && t.reference ? this.typeDefinition(t.reference.$ref)?.properties : undefined;
    }
    return prop;
  }
}

/**
 * awscc's attribute name for a CloudFormation property: snake_case with digit runs set apart, as the
 * provider's generator names them (PresetSpeke20Audio -> preset_speke_20_audio, Ipv6CidrBlock -> ipv_6_cidr_block).
 */
export const snake = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .replace(/([A-Za-z])([0-9])/g, "$1_$2")
    .replace(/([0-9])([A-Za-z])/g, "$1_$2")
    .replace(/_+/g, "_")
    .toLowerCase();

/**
 * How a body names CloudFormation properties: Terraform attributes (awscc: snake_case, meta-arguments skipped,
 * `${...}` unchecked) or the template's own (a CloudFormation template body: exact names, intrinsic functions unchecked).
 */
export interface PropertyNaming {
  key: (property: string) => string;
  skip: Set<string>;
  unchecked: (value: unknown) => boolean;
}
const TERRAFORM_NAMING: PropertyNaming = {
  key: (p) => snake(p),
  skip: new Set(["//", "depends_on", "lifecycle", "provider", "count", "for_each"]),
  unchecked: isInterpolated,
};
/** { "Ref": ... } or { "Fn::...": ... }: resolved by CloudFormation at deploy time. */
export const isIntrinsic = (value: unknown): boolean =>
  !!value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && /^(Ref|Fn::\w+)$/.test(Object.keys(value)[0]);
export const CLOUDFORMATION_NAMING: PropertyNaming = { key: (p) => p, skip: new Set(), unchecked: isIntrinsic };

function checkValue(
  spec: CfnSpec,
  type: CfnType,
  value: unknown,
  where: string,
  file: string,
  cfnName: string,
  findings: Finding[],
  naming: PropertyNaming = TERRAFORM_NAMING,
): void {
  if (value === null || value === undefined || naming.unchecked(value)) return;
  const report = (message: string, at = where) => findings.push({ rule: "CFN-RESOURCE-SCHEMA", file, path: at, message });
  if (type.allowedValues && typeof value === "string" && !type.allowedValues.includes(value)) {
    report(`${JSON.stringify(value)} is not allowed by ${cfnName}; CloudFormation allows ${type.allowedValues.join(", ")}`);
    return;
  }
  if (type.type === "array" && type.element) {
    if (Array.isArray(value)) value.forEach((v, i) => checkValue(spec, type.element!, v, `${where}[${i}]`, file, cfnName, findings, naming));
    return;
  }
  if (type.type === "ref" && type.reference) {
    const def = spec.typeDefinition(type.reference.$ref);
    const obj = naming === TERRAFORM_NAMING && Array.isArray(value) && value.length === 1 ? value[0] : value;
    if (def && obj && typeof obj === "object" && !Array.isArray(obj))
      checkProperties(spec, def.properties, obj as Record<string, unknown>, where, file, `${cfnName}.${def.name}`, findings, naming);
    return;
  }
  if (type.type === "integer" && typeof value === "number" && !Number.isInteger(value)) report(`${value} is not an integer (${cfnName})`);
  if (type.type === "boolean" && typeof value !== "boolean") report(`${JSON.stringify(value)} is not a boolean (${cfnName})`);
}

export function checkProperties(
  spec: CfnSpec,
  properties: Record<string, CfnProperty>,
  body: Record<string, unknown>,
  where: string,
  file: string,
  cfnName: string,
  findings: Finding[],
  naming: PropertyNaming = TERRAFORM_NAMING,
): void {
  const byKey = new Map(Object.keys(properties).map((p) => [naming.key(p), p]));
  for (const [key, value] of Object.entries(body)) {
    if (naming.skip.has(key)) continue;
    const prop = byKey.get(key);
    if (!prop) {
      findings.push({
        rule: "CFN-RESOURCE-SCHEMA",
        file,
        path: `${where}.${key}`,
        message: `'${key}' is not a property of ${cfnName}; CloudFormation has ${Object.keys(properties).map(naming.key).join(", ")}`,
      });
      continue;
    }
    checkValue(spec, properties[prop].type, value, `${where}.${key}`, file, `${cfnName}.${prop}`, findings, naming);
  }
  for (const [name, p] of Object.entries(properties))
    if (p.required && !(naming.key(name) in body))
      findings.push({ rule: "CFN-RESOURCE-SCHEMA", file, path: where, message: `${cfnName} requires ${naming.key(name)} (${name})` });
}

type SpecSource =
  /** a property of a CloudFormation resource schema (path of property names from the resource) */
  | { cfn: string; property: string[] }
  /** a string enum of an AWS service API, as declared by aws-sdk v2 */
  | { api: ApiService; shape: string };

/**
 * hashicorp/aws attribute paths whose values AWS constrains to a list, and the AWS specification that lists
 * them. Path segments are Terraform attribute names; "[]" walks a list of blocks or values. CloudFormation's
 * schemas are used where they carry allowed values (a test keeps every listed property so); CloudFront,
 * CloudWatch and MediaLive schemas carry none, so those entries use the service API's own enums.
 * MediaLive resources are not listed: medialive-check walks them in full against the MediaLive API model
 * (channel_class, input type, every encoder setting).
 */
export const AWS_ATTRIBUTE_SPECS: Array<{ resource: string; attribute: string[]; spec: SpecSource; why: string }> = [
  {
    resource: "aws_sfn_state_machine",
    attribute: ["type"],
    spec: { cfn: "AWS::StepFunctions::StateMachine", property: ["StateMachineType"] },
    why: "EXPRESS vs STANDARD decides billing and the start-execution API",
  },
  {
    resource: "aws_sfn_state_machine",
    attribute: ["logging_configuration", "[]", "level"],
    spec: { cfn: "AWS::StepFunctions::StateMachine", property: ["LoggingConfiguration", "Level"] },
    why: "execution log level",
  },
  {
    resource: "aws_cloudwatch_event_rule",
    attribute: ["state"],
    spec: { cfn: "AWS::Events::Rule", property: ["State"] },
    why: "a DISABLED rule silently drops stream events",
  },
  {
    resource: "aws_s3_bucket_ownership_controls",
    attribute: ["rule", "[]", "object_ownership"],
    spec: { cfn: "AWS::S3::Bucket", property: ["OwnershipControls", "Rules", "ObjectOwnership"] },
    why: "BucketOwnerEnforced disables ACLs",
  },
  {
    resource: "aws_s3_bucket_lifecycle_configuration",
    attribute: ["rule", "[]", "status"],
    spec: { cfn: "AWS::S3::Bucket", property: ["LifecycleConfiguration", "Rules", "Status"] },
    why: "retention only applies to Enabled rules",
  },
  {
    resource: "aws_s3_bucket_lifecycle_configuration",
    attribute: ["rule", "[]", "transition", "[]", "storage_class"],
    spec: { cfn: "AWS::S3::Bucket", property: ["LifecycleConfiguration", "Rules", "Transitions", "StorageClass"] },
    why: "archive tiers must be real storage classes",
  },
  {
    resource: "aws_s3_bucket_lifecycle_configuration",
    attribute: ["rule", "[]", "noncurrent_version_transition", "[]", "storage_class"],
    spec: { cfn: "AWS::S3::Bucket", property: ["LifecycleConfiguration", "Rules", "NoncurrentVersionTransitions", "StorageClass"] },
    why: "same storage classes for old versions",
  },
  {
    resource: "aws_s3_bucket_server_side_encryption_configuration",
    attribute: ["rule", "[]", "apply_server_side_encryption_by_default", "[]", "sse_algorithm"],
    spec: { cfn: "AWS::S3::Bucket", property: ["BucketEncryption", "ServerSideEncryptionConfiguration", "ServerSideEncryptionByDefault", "SSEAlgorithm"] },
    why: "encryption at rest",
  },
  // Terraform also accepts "Disabled" here (only for a bucket that never had versioning); CloudFormation lists Enabled/Suspended.
  {
    resource: "aws_s3_bucket_versioning",
    attribute: ["versioning_configuration", "[]", "status"],
    spec: { cfn: "AWS::S3::Bucket", property: ["VersioningConfiguration", "Status"] },
    why: "recordings survive overwrites only when Enabled",
  },
  {
    resource: "aws_cloudfront_distribution",
    attribute: ["default_cache_behavior", "[]", "viewer_protocol_policy"],
    spec: { api: "CloudFront", shape: "ViewerProtocolPolicy" },
    why: "viewers must use HTTPS",
  },
  {
    resource: "aws_cloudfront_distribution",
    attribute: ["ordered_cache_behavior", "[]", "viewer_protocol_policy"],
    spec: { api: "CloudFront", shape: "ViewerProtocolPolicy" },
    why: "viewers must use HTTPS on every path",
  },
  {
    resource: "aws_cloudfront_distribution",
    attribute: ["default_cache_behavior", "[]", "allowed_methods", "[]"],
    spec: { api: "CloudFront", shape: "Method" },
    why: "HTTP methods CloudFront forwards",
  },
  {
    resource: "aws_cloudfront_distribution",
    attribute: ["ordered_cache_behavior", "[]", "allowed_methods", "[]"],
    spec: { api: "CloudFront", shape: "Method" },
    why: "HTTP methods CloudFront forwards",
  },
  {
    resource: "aws_cloudfront_distribution",
    attribute: ["default_cache_behavior", "[]", "cached_methods", "[]"],
    spec: { api: "CloudFront", shape: "Method" },
    why: "HTTP methods CloudFront caches",
  },
  {
    resource: "aws_cloudfront_distribution",
    attribute: ["ordered_cache_behavior", "[]", "cached_methods", "[]"],
    spec: { api: "CloudFront", shape: "Method" },
    why: "HTTP methods CloudFront caches",
  },
  {
    resource: "aws_cloudfront_distribution",
    attribute: ["viewer_certificate", "[]", "minimum_protocol_version"],
    spec: { api: "CloudFront", shape: "MinimumProtocolVersion" },
    why: "TLS floor for custom domains",
  },
  {
    resource: "aws_cloudfront_distribution",
    attribute: ["viewer_certificate", "[]", "ssl_support_method"],
    spec: { api: "CloudFront", shape: "SSLSupportMethod" },
    why: "vip is billed monthly; sni-only is the norm",
  },
  {
    resource: "aws_cloudfront_distribution",
    attribute: ["price_class"],
    spec: { api: "CloudFront", shape: "PriceClass" },
    why: "edge locations served, and the cost tier",
  },
  {
    resource: "aws_cloudfront_distribution",
    attribute: ["http_version"],
    spec: { api: "CloudFront", shape: "HttpVersion" },
    why: "HTTP/3 for players that support it",
  },
  {
    resource: "aws_cloudfront_distribution",
    attribute: ["origin", "[]", "custom_origin_config", "[]", "origin_protocol_policy"],
    spec: { api: "CloudFront", shape: "OriginProtocolPolicy" },
    why: "HTTPS to MediaPackage",
  },
  {
    resource: "aws_cloudfront_distribution",
    attribute: ["origin", "[]", "custom_origin_config", "[]", "origin_ssl_protocols", "[]"],
    spec: { api: "CloudFront", shape: "SslProtocol" },
    why: "TLS versions to the origin",
  },
  {
    resource: "aws_cloudfront_distribution",
    attribute: ["restrictions", "[]", "geo_restriction", "[]", "restriction_type"],
    spec: { api: "CloudFront", shape: "GeoRestrictionType" },
    why: "geo blocking mode",
  },
  {
    resource: "aws_cloudfront_origin_access_control",
    attribute: ["origin_access_control_origin_type"],
    spec: { api: "CloudFront", shape: "OriginAccessControlOriginTypes" },
    why: "OAC for S3 and MediaPackage v2 origins",
  },
  {
    resource: "aws_cloudfront_origin_access_control",
    attribute: ["signing_behavior"],
    spec: { api: "CloudFront", shape: "OriginAccessControlSigningBehaviors" },
    why: "origins accept only signed requests",
  },
  {
    resource: "aws_cloudfront_origin_access_control",
    attribute: ["signing_protocol"],
    spec: { api: "CloudFront", shape: "OriginAccessControlSigningProtocols" },
    why: "SigV4 signing",
  },
  {
    resource: "aws_cloudfront_cache_policy",
    attribute: ["parameters_in_cache_key_and_forwarded_to_origin", "[]", "cookies_config", "[]", "cookie_behavior"],
    spec: { api: "CloudFront", shape: "CachePolicyCookieBehavior" },
    why: "cache key",
  },
  {
    resource: "aws_cloudfront_cache_policy",
    attribute: ["parameters_in_cache_key_and_forwarded_to_origin", "[]", "headers_config", "[]", "header_behavior"],
    spec: { api: "CloudFront", shape: "CachePolicyHeaderBehavior" },
    why: "cache key",
  },
  {
    resource: "aws_cloudfront_cache_policy",
    attribute: ["parameters_in_cache_key_and_forwarded_to_origin", "[]", "query_strings_config", "[]", "query_string_behavior"],
    spec: { api: "CloudFront", shape: "CachePolicyQueryStringBehavior" },
    why: "manifest filters travel in query strings",
  },
  {
    resource: "aws_cloudfront_response_headers_policy",
    attribute: ["cors_config", "[]", "access_control_allow_methods", "[]", "items", "[]"],
    spec: { api: "CloudFront", shape: "ResponseHeadersPolicyAccessControlAllowMethodsValues" },
    why: "CORS for browser players",
  },
  {
    resource: "aws_cloudwatch_event_connection",
    attribute: ["authorization_type"],
    spec: { api: "EventBridge", shape: "ConnectionAuthorizationType" },
    why: "how EventBridge authenticates to a webhook",
  },
  {
    resource: "aws_cloudwatch_event_connection",
    attribute: ["auth_parameters", "[]", "oauth", "[]", "http_method"],
    spec: { api: "EventBridge", shape: "ConnectionOAuthHttpMethod" },
    why: "method of the OAuth token request",
  },
  {
    resource: "aws_cloudwatch_event_api_destination",
    attribute: ["http_method"],
    spec: { api: "EventBridge", shape: "ApiDestinationHttpMethod" },
    why: "method of each webhook call",
  },
  {
    resource: "aws_cloudwatch_metric_alarm",
    attribute: ["comparison_operator"],
    spec: { api: "CloudWatch", shape: "ComparisonOperator" },
    why: "alarm direction",
  },
  { resource: "aws_cloudwatch_metric_alarm", attribute: ["statistic"], spec: { api: "CloudWatch", shape: "Statistic" }, why: "alarm statistic" },
  {
    resource: "aws_cloudwatch_metric_alarm",
    attribute: ["metric_query", "[]", "metric", "[]", "stat"],
    spec: { api: "CloudWatch", shape: "Statistic" },
    why: "metric math inputs use a statistic CloudWatch knows",
  },
  {
    resource: "aws_scheduler_schedule",
    attribute: ["flexible_time_window", "[]", "mode"],
    spec: { cfn: "AWS::Scheduler::Schedule", property: ["FlexibleTimeWindow", "Mode"] },
    why: "OFF: the channel starts at the time asked, not within a window",
  },
  {
    resource: "aws_scheduler_schedule",
    attribute: ["state"],
    spec: { cfn: "AWS::Scheduler::Schedule", property: ["State"] },
    why: "a DISABLED schedule never starts the channel",
  },
  {
    resource: "aws_scheduler_schedule",
    attribute: ["action_after_completion"],
    spec: { api: "Scheduler", shape: "ActionAfterCompletion" },
    why: "one-time schedules kept or deleted",
  },
  {
    resource: "aws_pipes_pipe",
    attribute: ["target_parameters", "[]", "step_function_state_machine_parameters", "[]", "invocation_type"],
    spec: { cfn: "AWS::Pipes::Pipe", property: ["TargetParameters", "StepFunctionStateMachineParameters", "InvocationType"] },
    why: "how the pipe starts the budget-stop state machine",
  },
  {
    resource: "aws_pipes_pipe",
    attribute: ["desired_state"],
    spec: { cfn: "AWS::Pipes::Pipe", property: ["DesiredState"] },
    why: "a STOPPED pipe never passes the budget notification on",
  },
  { resource: "aws_budgets_budget", attribute: ["budget_type"], spec: { api: "Budgets", shape: "BudgetType" }, why: "a COST budget" },
  { resource: "aws_budgets_budget", attribute: ["time_unit"], spec: { api: "Budgets", shape: "TimeUnit" }, why: "the budget's period" },
  {
    resource: "aws_budgets_budget",
    attribute: ["notification", "[]", "notification_type"],
    spec: { api: "Budgets", shape: "NotificationType" },
    why: "forecast vs actual thresholds",
  },
  {
    resource: "aws_budgets_budget",
    attribute: ["notification", "[]", "comparison_operator"],
    spec: { api: "Budgets", shape: "ComparisonOperator" },
    why: "notify above the threshold",
  },
  {
    resource: "aws_budgets_budget",
    attribute: ["notification", "[]", "threshold_type"],
    spec: { api: "Budgets", shape: "ThresholdType" },
    why: "a percentage of the budget",
  },
];

/** The allowed values a spec source lists, or undefined when it lists none. */
export function allowedValuesOf(spec: CfnSpec, source: SpecSource): string[] | undefined {
  if ("cfn" in source) {
    let t = spec.propertyAt(source.cfn, source.property)?.type;
    while (t?.type === "array" && t.element) t = t.element;
    return t?.allowedValues;
  }
  const type = apiModel(source.api).get(source.shape);
  return type?.kind === "enum" ? type.values : undefined;
}

function valuesAt(body: unknown, attribute: string[]): Array<{ value: unknown; path: string }> {
  let current: Array<{ value: unknown; path: string }> = [{ value: body, path: "" }];
  for (const seg of attribute) {
    const next: Array<{ value: unknown; path: string }> = [];
    for (const { value, path } of current) {
      if (seg === "[]") {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ value: v, path: `${path}[${i}]` }));
        else if (value !== undefined && value !== null) next.push({ value, path });
      } else if (value && typeof value === "object" && !Array.isArray(value) && seg in value)
        next.push({ value: (value as Record<string, unknown>)[seg], path: `${path}.${seg}` });
    }
    current = next;
  }
  return current;
}

const describeSpec = (source: SpecSource) => ("cfn" in source ? `${source.cfn} ${source.property.join(".")}` : `the ${source.api} API's ${source.shape}`);

/** Checks the resources of one module file's JSON against the CloudFormation schemas (awscc) and AWS_ATTRIBUTE_SPECS (aws). */
export function checkAgainstCfn(spec: CfnSpec, doc: Json, file: string): Finding[] {
  const findings: Finding[] = [];
  for (const [type, byName] of Object.entries((doc.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
    for (const [name, body] of Object.entries(byName)) {
      const where = `resource.${type}.${name}`;
      if (type.startsWith("awscc_")) {
        const cfnType = spec.cfnTypeForAwscc(type);
        const resource = cfnType ? spec.resource(cfnType) : undefined;
        if (!resource) findings.push({ rule: "CFN-RESOURCE-SCHEMA", file, path: where, message: `no CloudFormation resource type corresponds to ${type}` });
        else checkProperties(spec, resource.properties, body, where, file, cfnType!, findings);
        continue;
      }
      for (const entry of AWS_ATTRIBUTE_SPECS.filter((e) => e.resource === type)) {
        const allowed = allowedValuesOf(spec, entry.spec);
        if (!allowed) continue;
        for (const { value, path } of valuesAt(body, entry.attribute))
          if (typeof value === "string" && !isInterpolated(value) && !allowed.includes(value))
            findings.push({
              rule: "AWS-SPEC-VALUES",
              file,
              path: `${where}${path}`,
              message: `${JSON.stringify(value)} is not allowed by ${describeSpec(entry.spec)}; AWS allows ${allowed.join(", ")}`,
            });
      }
    }
  }
  return findings;
}

/**
 * CFN-AWSCC-REFERENCE: references to awscc resources name an attribute the resource has. awscc exposes every
 * CloudFormation property and read-only attribute in snake_case, plus "id". The harness stubs awscc away, so
 * terraform validate cannot catch these.
 */
export function checkAwsccReferences(spec: CfnSpec, sites: Array<{ file: string; path: string; traversal: Traversal }>): Finding[] {
  const findings: Finding[] = [];
  for (const { file, path, traversal } of sites) {
    const [type, , attribute] = traversal.parts;
    if (!type.startsWith("awscc_") || attribute === undefined || attribute === "[]" || attribute === "*") continue;
    const cfnType = spec.cfnTypeForAwscc(type);
    const resource = cfnType ? spec.resource(cfnType) : undefined;
    if (!resource) continue; // reported by CFN-RESOURCE-SCHEMA on the resource itself
    const known = new Set(["id", ...Object.keys(resource.properties).map(snake), ...Object.keys(resource.attributes ?? {}).map(snake)]);
    if (!known.has(attribute))
      findings.push({
        rule: "CFN-AWSCC-REFERENCE",
        file,
        path,
        message: `${traversal.text}: ${type} has no attribute "${attribute}" (${cfnType} has ${[...known].sort().join(", ")})`,
      });
    // A nested read-only attribute (HlsConfiguration.ManifestEndpointPrefix -> hls_configuration.manifest_endpoint_prefix).
    const nested = traversal.parts[3];
    const dotted = Object.keys(resource.attributes ?? {})
      .filter((k) => k.includes("."))
      .map((k) => k.split(".").map(snake).join("."));
    if (known.has(attribute) && nested && /^[a-z]/.test(nested) && dotted.some((d) => d.startsWith(`${attribute}.`))) {
      const definition = resource.properties[Object.keys(resource.properties).find((k) => snake(k) === attribute) ?? ""]?.type.reference?.$ref;
      const settable = Object.keys((definition && spec.typeDefinition(definition)?.properties) || {}).map((k) => `${attribute}.${snake(k)}`);
      const names = [...new Set([...dotted.filter((d) => d.startsWith(`${attribute}.`)), ...settable])];
      if (!names.includes(`${attribute}.${nested}`))
        findings.push({
          rule: "CFN-AWSCC-REFERENCE",
          file,
          path,
          message: `${traversal.text}: ${type} has no attribute "${attribute}.${nested}" (${cfnType} has ${names.sort().join(", ")})`,
        });
    }
  }
  return findings;
}
