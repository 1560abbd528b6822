/**
 * A TerraformStack whose elements keep readable names: the construct id *is* the Terraform name
 * (`aws_medialive_channel.main`, `var.name_prefix`), instead of CDKTF's path-plus-hash ids.
 * Collisions are errors, because Terraform addresses must be unique per type.
 */
import { Construct, Node } from "constructs";
import { TerraformElement, TerraformStack, TerraformResource, TerraformDataSource, TerraformVariable, TerraformOutput, TerraformLocal } from "cdktf";

const TERRAFORM_NAME = /^[a-z_][a-z0-9_]*$/;

/** Context key holding the suffix every Terraform name under a scope gets (set by regionScope). */
export const TERRAFORM_NAME_SUFFIX = "blackwell:terraform-name-suffix";

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
}

function elementKind(element: TerraformElement): string {
  if (element instanceof TerraformResource) return `resource.${element.terraformResourceType}`;
  if (element instanceof TerraformDataSource) return `data.${element.terraformResourceType}`;
  if (element instanceof TerraformVariable) return "variable";
  if (element instanceof TerraformOutput) return "output";
  if (element instanceof TerraformLocal) return "local";
  return element.constructor.name;
}
