/**
 * Checks resources against AWS's CloudFormation resource schemas, as shipped in
 * `@aws-cdk/aws-service-spec`: awscc resources in full (awscc is generated from these schemas, its
 * attributes are the properties in snake_case), and for hashicorp/aws resources the attribute paths
 * listed in AWS_ATTRIBUTES_CHECKED_AGAINST_CFN, whose values CloudFormation constrains.
 */
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { Finding, isInterpolated } from "./findings";

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
    for (const r of Object.values(db.schema.resource.entities) as CfnResource[]) resources.set(r.cloudFormationType, r);
    const typeDefinitions = new Map<string, CfnTypeDefinition>();
    for (const t of Object.values(db.schema.typeDefinition.entities) as CfnTypeDefinition[]) typeDefinitions.set(t.$id, t);
    return new CfnSpec(resources, typeDefinitions);
  }

  resource(cfnType: string): CfnResource | undefined {
    return this.resources.get(cfnType);
  }

  /** awscc_mediapackagev2_origin_endpoint -> AWS::MediaPackageV2::OriginEndpoint, found by comparing squashed names. */
  cfnTypeForAwscc(terraformType: string): string | undefined {
    const squashed = terraformType.replace(/^awscc_/, "").replace(/_/g, "");
    for (const t of this.resources.keys()) if (t.replace(/^AWS::/, "").replace(/::/g, "").toLowerCase() === squashed) return t;
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

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").toLowerCase();

function checkValue(spec: CfnSpec, type: CfnType, value: unknown, where: string, file: string, cfnName: string, findings: Finding[]): void {
  if (value === null || value === undefined || isInterpolated(value)) return;
  const report = (message: string, at = where) => findings.push({ rule: "CFN-RESOURCE-SCHEMA", file, path: at, message });
  if (type.allowedValues && typeof value === "string" && !type.allowedValues.includes(value)) {
    report(`${JSON.stringify(value)} is not allowed by ${cfnName}; CloudFormation allows ${type.allowedValues.join(", ")}`);
    return;
  }
  if (type.type === "array" && type.element) {
    if (Array.isArray(value)) value.forEach((v, i) => checkValue(spec, type.element!, v, `${where}[${i}]`, file, cfnName, findings));
    return;
  }
  if (type.type === "ref" && type.reference) {
    const def = spec.typeDefinition(type.reference.$ref);
    const obj = Array.isArray(value) && value.length === 1 ? value[0] : value;
    if (def && obj && typeof obj === "object" && !Array.isArray(obj)) checkProperties(spec, def.properties, obj as Record<string, unknown>, where, file, `${cfnName}.${def.name}`, findings);
    return;
  }
  if (type.type === "integer" && typeof value === "number" && !Number.isInteger(value)) report(`${value} is not an integer (${cfnName})`);
  if (type.type === "boolean" && typeof value !== "boolean") report(`${JSON.stringify(value)} is not a boolean (${cfnName})`);
}

function checkProperties(spec: CfnSpec, properties: Record<string, CfnProperty>, body: Record<string, unknown>, where: string, file: string, cfnName: string, findings: Finding[]): void {
  const bySnake = new Map(Object.keys(properties).map((p) => [snake(p), p]));
  for (const [key, value] of Object.entries(body)) {
    if (key === "depends_on" || key === "lifecycle" || key === "provider" || key === "count" || key === "for_each") continue;
    const prop = bySnake.get(key);
    if (!prop) {
      findings.push({ rule: "CFN-RESOURCE-SCHEMA", file, path: `${where}.${key}`, message: `'${key}' is not a property of ${cfnName}; CloudFormation has ${Object.keys(properties).map(snake).join(", ")}` });
      continue;
    }
    checkValue(spec, properties[prop].type, value, `${where}.${key}`, file, `${cfnName}.${prop}`, findings);
  }
  for (const [name, p] of Object.entries(properties))
    if (p.required && !(snake(name) in body)) findings.push({ rule: "CFN-RESOURCE-SCHEMA", file, path: where, message: `${cfnName} requires ${snake(name)} (${name})` });
}

/**
 * hashicorp/aws attribute paths whose values CloudFormation constrains with an enum, and the CloudFormation
 * property that says which values AWS accepts. Path segments are Terraform attribute names; "[]" walks a list.
 * Only properties the schemas give allowed values for are listed (a test keeps it so); CloudFront and
 * CloudWatch schemas carry none, and terraform validate checks those enums with the provider's own lists.
 */
export const AWS_ATTRIBUTES_CHECKED_AGAINST_CFN: Array<{ resource: string; attribute: string[]; cfnType: string; cfnProperty: string[]; why: string }> = [
  { resource: "aws_sfn_state_machine", attribute: ["type"], cfnType: "AWS::StepFunctions::StateMachine", cfnProperty: ["StateMachineType"], why: "EXPRESS vs STANDARD decides billing and the start-execution API" },
  { resource: "aws_s3_bucket_ownership_controls", attribute: ["rule", "[]", "object_ownership"], cfnType: "AWS::S3::Bucket", cfnProperty: ["OwnershipControls", "Rules", "ObjectOwnership"], why: "BucketOwnerEnforced disables ACLs" },
  { resource: "aws_s3_bucket_lifecycle_configuration", attribute: ["rule", "[]", "transition", "[]", "storage_class"], cfnType: "AWS::S3::Bucket", cfnProperty: ["LifecycleConfiguration", "Rules", "Transitions", "StorageClass"], why: "archive tiers must be real storage classes" },
  { resource: "aws_s3_bucket_server_side_encryption_configuration", attribute: ["rule", "[]", "apply_server_side_encryption_by_default", "sse_algorithm"], cfnType: "AWS::S3::Bucket", cfnProperty: ["BucketEncryption", "ServerSideEncryptionConfiguration", "ServerSideEncryptionByDefault", "SSEAlgorithm"], why: "encryption at rest" },
];

function valuesAt(body: unknown, attribute: string[]): Array<{ value: unknown; path: string }> {
  let current: Array<{ value: unknown; path: string }> = [{ value: body, path: "" }];
  for (const seg of attribute) {
    const next: Array<{ value: unknown; path: string }> = [];
    for (const { value, path } of current) {
      if (seg === "[]") {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ value: v, path: `${path}[${i}]` }));
        else if (value && typeof value === "object") next.push({ value, path });
      } else if (value && typeof value === "object" && !Array.isArray(value) && seg in value) next.push({ value: (value as Record<string, unknown>)[seg], path: `${path}.${seg}` });
      else if (Array.isArray(value) && value.length === 1 && value[0] && seg in value[0]) next.push({ value: value[0][seg], path: `${path}[0].${seg}` });
    }
    current = next;
  }
  return current;
}

/** Checks the resources of one module file's JSON against the CloudFormation schemas. */
export function checkAgainstCfn(spec: CfnSpec, doc: Record<string, any>, file: string): Finding[] { // eslint-disable-line @typescript-eslint/no-explicit-any
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
      for (const entry of AWS_ATTRIBUTES_CHECKED_AGAINST_CFN.filter((e) => e.resource === type)) {
        const prop = spec.propertyAt(entry.cfnType, entry.cfnProperty);
        if (!prop) continue;
        let t = prop.type;
        while (t.type === "array" && t.element) t = t.element;
        for (const { value, path } of valuesAt(body, entry.attribute))
          checkValue(spec, t, value, `${where}${path}`, file, `${entry.cfnType} ${entry.cfnProperty.join(".")}`, findings);
      }
    }
  }
  return findings;
}
