/**
 * A TerraformStack whose elements keep readable names: the construct id *is* the Terraform name
 * (`aws_medialive_channel.main`, `var.name_prefix`), instead of CDKTF's path-plus-hash ids.
 * Collisions are errors, because Terraform addresses must be unique per type.
 */
import { Construct, Node } from "constructs";
import { TerraformElement, TerraformStack, TerraformResource, TerraformDataSource, TerraformVariable, TerraformOutput, TerraformLocal } from "cdktf";

const TERRAFORM_NAME = /^[a-z_][a-z0-9_]*$/;

export class ModuleStack extends TerraformStack {
  private readonly allocated = new Map<string, string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    // "name@role" lets one scope hold several elements sharing a Terraform name (a bucket and its policy are both "archive").
    const name = node.id.split("@")[0];
    const kind = element instanceof Node ? "node" : elementKind(element);
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
