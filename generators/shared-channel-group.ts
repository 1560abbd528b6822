/**
 * The module a template's creators share: one MediaPackage v2 channel group. Each creator's module
 * adds its own channel and endpoints to it (blast radius of one creator), and all of them play
 * through the group's single egress domain, which the seed's creator platform shares for cost.
 */
import { Construct } from "constructs";
import { TerraformOutput, Token } from "cdktf";
import { MediaPackagev2ChannelGroup } from "@cdktf/provider-aws/lib/media-packagev2-channel-group";
import { ModuleVariables, hclObject } from "./context";

export interface SharedChannelGroupSpec {
  templateId: string;
  moduleId: string;
  region: string;
}

export class SharedChannelGroup {
  constructor(stack: Construct, spec: SharedChannelGroupSpec) {
    const variables = new ModuleVariables(stack, "variables");
    const name = variables.variable("name_prefix", {
      type: "string",
      description: "Name of the channel group; creators' playback URLs contain it (/out/v1/<name>/<creator>/...).",
      default: spec.templateId.replace(/_/g, "-"),
      validation: [{ condition: '${can(regex("^[a-z0-9][a-z0-9-]{1,27}$", var.name_prefix))}', errorMessage: "name_prefix must be 2-28 characters of lower-case letters, digits and hyphens, starting with a letter or digit." }],
    }).stringValue;
    variables.variable("tags", { type: "map(string)", description: "Tags added to every resource.", default: {} });
    const own = JSON.stringify({ Template: spec.templateId, ManagedBy: "blackwell-media-factory" });
    const group = new MediaPackagev2ChannelGroup(new Construct(stack, "mediapackage"), "shared", {
      name,
      description: `Channel group shared by the creators of template ${spec.templateId}`,
      tags: Token.asStringMap(`\${merge(${hclObject(own)}, var.tags)}`),
    });
    const outputs = new Construct(stack, "outputs");
    new TerraformOutput(outputs, "channel_group_name", { value: group.name, description: "Channel group name: input mediapackage_channel_group_name of every creator module." });
    new TerraformOutput(outputs, "egress_domain", { value: group.egressDomain, description: "Egress domain of the group: input mediapackage_egress_domain of every creator module." });
    new TerraformOutput(outputs, "channel_group_arn", { value: group.arn, description: "Channel group ARN." });
  }
}
