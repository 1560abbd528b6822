/**
 * Resources in a second region: a scope whose elements get a Terraform name suffix (so the failover
 * channel is aws_medialive_channel.main_failover beside .main) and, once built, a provider alias
 * (`provider = aws.failover`, `awscc.failover`). The module declares the aliases in
 * required_providers (configuration_aliases); the caller passes the configured providers in.
 */
import { Construct } from "constructs";
import { TerraformDataSource, TerraformResource } from "cdktf";
import { TERRAFORM_NAME_SUFFIX } from "./module-stack";

/** A service scope (its id names the module file) whose Terraform names end in `_<alias>`. */
export function regionScope(scope: Construct, id: string, alias: string): Construct {
  const region = new Construct(scope, id);
  region.node.setContext(TERRAFORM_NAME_SUFFIX, `_${alias}`);
  return region;
}

/** Points every resource and data source under `scope` at the aliased configuration of its provider (aws or awscc). */
export function useProviderAlias(scope: Construct, alias: string): void {
  for (const element of scope.node.findAll())
    if (element instanceof TerraformResource || element instanceof TerraformDataSource) {
      const provider = element.terraformResourceType.split("_")[0];
      element.addOverride("provider", `${provider}.${alias}`);
    }
}
