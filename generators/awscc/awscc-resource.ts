/**
 * Base for the few hashicorp/awscc resources the project needs. There are no prebuilt CDKTF bindings
 * for awscc, so each resource is a small typed construct; attribute names are the snake_case of the
 * CloudFormation property names (awscc is generated from the CloudFormation registry schemas).
 */
import { Construct } from "constructs";
import { TerraformResource } from "cdktf";

export const AWSCC_PROVIDER = { source: "hashicorp/awscc", version: ">= 1.25.0, < 2.0.0" } as const;

/** CloudFormation-style camelCase keys -> Terraform snake_case, recursively (arrays and objects). */
export function toSnakeCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnakeCase);
  if (value && typeof value === "object" && !isToken(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[awsccAttributeName(k)] = toSnakeCase(v);
    }
    return out;
  }
  return value;
}

/** awscc sets digit runs apart too: presetSpeke20Audio -> preset_speke_20_audio (as in ipv_6_cidr_block). */
function awsccAttributeName(camel: string): string {
  return camel
    .replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
    .replace(/([a-z])([0-9])/g, "$1_$2")
    .replace(/([0-9])([a-z])/g, "$1_$2")
    .replace(/_+/g, "_");
}

function isToken(value: object): boolean {
  return typeof (value as { resolve?: unknown }).resolve === "function";
}

export abstract class AwsccResource<Props extends object> extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    resourceType: string,
    protected readonly props: Props,
  ) {
    super(scope, id, {
      terraformResourceType: resourceType,
      terraformGeneratorMetadata: { providerName: "awscc" },
    });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return toSnakeCase(this.props) as Record<string, unknown>;
  }
}
