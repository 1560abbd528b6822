/**
 * What every service construct of one pipeline shares: the module's input variables (declared once,
 * readable names), its locals, the tags, and the region/partition data sources.
 */
import { Construct } from "constructs";
import { TerraformLocal, TerraformVariable, Token, IResolvable } from "cdktf";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";

export interface VariableSpec {
  type: string;
  description: string;
  default?: unknown;
  sensitive?: boolean;
  nullable?: boolean;
  validation?: Array<{ condition: string; errorMessage: string }>;
}

/** Declares module variables under one scope so the module writer finds them in one place. */
export class ModuleVariables extends Construct {
  private readonly declared = new Map<string, TerraformVariable>();

  variable(name: string, spec: VariableSpec): TerraformVariable {
    const existing = this.declared.get(name);
    if (existing) return existing;
    const v = new TerraformVariable(this, name, {
      type: spec.type,
      description: spec.description,
      // CDKTF cannot synthesize a null default directly; it is set as an override below.
      default: spec.default === null ? undefined : spec.default,
      sensitive: spec.sensitive,
      nullable: spec.nullable,
      validation: spec.validation,
    });
    if (spec.default === null) v.addOverride("default", null);
    this.declared.set(name, v);
    return v;
  }
}

/** var.name_prefix: 2-28 characters, so that every AWS name built from it fits its service's limit. */
export const NAME_PREFIX_VALIDATION = [
  {
    condition: '${can(regex("^[a-z0-9][a-z0-9-]{1,27}$", var.name_prefix))}',
    errorMessage: "name_prefix must be 2-28 characters of lower-case letters, digits and hyphens, starting with a letter or digit.",
  },
];

export interface PipelineContextProps {
  /** Default of var.name_prefix. */
  defaultNamePrefix: string;
  /** The pipeline's own tags; the caller's var.tags are merged over them. */
  tags: Record<string, string>;
}

export class PipelineContext {
  readonly variables: ModuleVariables;
  readonly shared: Construct;
  /** `var.name_prefix`: every resource name starts with it, so two deployments of one module can share an account. */
  readonly namePrefix: string;
  /** Tags for hashicorp/aws resources: the caller's tags plus the pipeline's own (local.tags). */
  readonly tags: { [key: string]: string };
  private readonly locals = new Map<string, TerraformLocal>();
  private regionSource?: DataAwsRegion;
  private partitionSource?: DataAwsPartition;

  constructor(scope: Construct, props: PipelineContextProps) {
    this.variables = new ModuleVariables(scope, "variables");
    this.shared = new Construct(scope, "main");
    this.namePrefix = this.variables.variable("name_prefix", {
      type: "string",
      description: "Prefix of every resource name; lets several copies of this module live in one account.",
      default: props.defaultNamePrefix,
      validation: NAME_PREFIX_VALIDATION,
    }).stringValue;
    this.variables.variable("tags", { type: "map(string)", description: "Tags added to every resource.", default: {} });
    this.tags = Token.asStringMap(this.local("tags", `\${merge(${hclObject(JSON.stringify(props.tags))}, var.tags)}`).expression);
  }

  local(name: string, expression: unknown): TerraformLocal {
    let l = this.locals.get(name);
    if (!l) {
      l = new TerraformLocal(this.shared, name, expression);
      this.locals.set(name, l);
    }
    return l;
  }

  /** The same tags as one map value, for awscc resources whose Tags is a JSON object (MediaConvert). */
  awsccTagMap(): IResolvable {
    return Token.asAny("${local.tags}");
  }

  /** The same tags in the list-of-{key,value} shape awscc resources take (declares local.awscc_tags on first use). */
  awsccTagList(): IResolvable {
    return Token.asAny(this.local("awscc_tags", "${[for key, value in local.tags : { key = key, value = value }]}").expression);
  }

  /** data.aws_region.current (declared on first use). */
  region(): string {
    this.regionSource ??= new DataAwsRegion(this.shared, "current", {});
    return this.regionSource.id;
  }

  /** data.aws_partition.current (declared on first use). */
  partition(): string {
    this.partitionSource ??= new DataAwsPartition(this.shared, "current@partition", {});
    return this.partitionSource.partition;
  }
}

/** A JSON object literal as an HCL object expression (keys quoted), for use inside `${...}`. */
export function hclObject(json: string): string {
  const obj = JSON.parse(json) as Record<string, string>;
  return `{ ${Object.entries(obj)
    .map(([k, v]) => `${JSON.stringify(k)} = ${JSON.stringify(v)}`)
    .join(", ")} }`;
}

/**
 * What every service construct takes, aws-cdk-lib style: `new Service(scope, id, props)` where props
 * extends this with the service's own inputs (ARNs and names of other constructs).
 */
export interface ServiceProps<Plan> {
  /** The module's shared variables, locals and tags. */
  readonly context: PipelineContext;
  /** The service's plan (src/plans): what to build, decided before any construct exists. */
  readonly plan: Plan;
}
