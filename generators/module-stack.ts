/**
 * A TerraformStack whose elements keep readable names: the construct id *is* the Terraform name
 * (`aws_medialive_channel.main`, `var.name_prefix`), instead of CDKTF's path-plus-hash ids.
 * Collisions are errors, because Terraform addresses must be unique per type.
 */
import { Construct, Node } from "constructs";
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformElement,
  TerraformStack,
  TerraformResource,
  TerraformDataSource,
  TerraformVariable,
  TerraformOutput,
  TerraformLocal,
  Tokenization,
} from "cdktf";
import { deepMerge } from "cdktf/lib/util";
import { resolveTokensFast } from "./token-fast-path";

const TERRAFORM_NAME = /^[a-z_][a-z0-9_]*$/;

/** Context key holding the suffix every Terraform name under a scope gets (set by regionScope). */
export const TERRAFORM_NAME_SUFFIX = "blackwell:terraform-name-suffix";

const TOKEN_RESOLVER = new DefaultTokenResolver(new StringConcat());

const kindOf = (element: TerraformElement | Node) => (element instanceof Node ? "node" : elementKind(element));

export class ModuleStack extends TerraformStack {
  private readonly allocated = new Map<string, string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    // "name@role" lets one scope hold several elements sharing a Terraform name (a bucket and its policy are both "archive").
    // A scope in another region (regionScope) suffixes its elements' names, so its channel is medialive_channel.main_failover.
    const suffix = (node.tryGetContext(TERRAFORM_NAME_SUFFIX) as string | undefined) ?? "";
    const name = node.id.split("@")[0] + (kindOf(element) === "node" ? "" : suffix);
    const kind = kindOf(element);
    if (!TERRAFORM_NAME.test(name)) throw new Error(`generator bug: '${name}' (${node.path}) is not a readable Terraform name`);
    const key = `${kind}.${name}`;
    const owner = this.allocated.get(key);
    if (owner !== undefined && owner !== node.path) throw new Error(`generator bug: ${key} is declared twice (${owner} and ${node.path})`);
    this.allocated.set(key, node.path);
    return name;
  }

  /**
   * The stack's Terraform JSON without CDKTF's "//" metadata. TerraformStack.toTerraform() resolves every element,
   * merges them, then resolves the merged whole again: on resolved input that second pass changes nothing and cost
   * a third of a fleet synth, as did resolving construct metadata the module writer drops. This keeps the per-element
   * resolution (cdktf's, for the parts that can hold tokens) and the merge. test/generators/module-stack.test.ts holds it equal to cdktf's own for every example.
   */
  override toTerraform(): Record<string, unknown> {
    const tf: Record<string, unknown> = {};
    for (const element of terraformElementsOf(this)) deepMerge(tf, this.resolveTokens(element.toTerraform()));
    const overrides = (this as unknown as { rawOverrides: Record<string, unknown> }).rawOverrides;
    deepMerge(tf, this.resolveTokens(overrides));
    return tf;
  }

  /** cdktf resolves the parts that may hold tokens; the plain rest is copied (token-fast-path.ts). */
  private resolveTokens(value: unknown): unknown {
    return resolveTokensFast(value, (part) => Tokenization.resolve(part, { scope: this, preparing: false, resolver: TOKEN_RESOLVER }));
  }
}

/** The elements of a stack, in construct order, without those of nested stacks (as TerraformStack collects them). */
function terraformElementsOf(scope: Construct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(scope)) into.push(scope);
  for (const child of scope.node.children) if (!TerraformStack.isStack(child)) terraformElementsOf(child, into);
  return into;
}

/** "resource.aws_s3_bucket.archive", "variable.name_prefix", ...; undefined for kinds a module does not hold (providers, backends). */
export function terraformAddress(element: TerraformElement): string | undefined {
  const kind = knownKind(element);
  return kind === undefined ? undefined : `${kind}.${element.friendlyUniqueId}`;
}

function elementKind(element: TerraformElement): string {
  return knownKind(element) ?? element.constructor.name;
}

function knownKind(element: TerraformElement): string | undefined {
  if (element instanceof TerraformResource) return `resource.${element.terraformResourceType}`;
  if (element instanceof TerraformDataSource) return `data.${element.terraformResourceType}`;
  if (element instanceof TerraformVariable) return "variable";
  if (element instanceof TerraformOutput) return "output";
  if (element instanceof TerraformLocal) return "local";
  return undefined;
}
