/**
 * The module a template's creators share: one MediaPackage v2 channel group. Each creator's module
 * adds its own channel and endpoints to it (blast radius of one creator), and all of them play
 * through the group's single egress domain, which the seed's creator platform shares for cost.
 */
import { Construct } from "constructs";
import { TerraformOutput, Token } from "cdktf";
import { MediaPackagev2ChannelGroup } from "@cdktf/provider-aws/lib/media-packagev2-channel-group";
import { ModuleVariables, NAME_PREFIX_VALIDATION, hclObject } from "./context";
import { medialiveLogGroup } from "./medialive-logs";

export interface SharedChannelGroupSpec {
  templateId: string;
  moduleId: string;
  region: string;
  /** The client every creator of the template serves (their common client_id), tagged Client. */
  clientId?: string;
}

export interface SharedChannelGroupProps {
  readonly spec: SharedChannelGroupSpec;
}

/** The shared module's body: its variables, the group (mediapackage.tf.json) and its outputs, as children of this construct. */
export class SharedChannelGroup extends Construct {
  constructor(scope: Construct, id: string, props: SharedChannelGroupProps) {
    super(scope, id);
    const { spec } = props;
    const variables = new ModuleVariables(this, "variables");
    const name = variables.variable("name_prefix", {
      type: "string",
      description: "Name of the channel group; creators' playback URLs contain it (/out/v1/<name>/<creator>/...).",
      default: spec.templateId.replace(/_/g, "-"),
      validation: NAME_PREFIX_VALIDATION,
    }).stringValue;
    variables.variable("tags", { type: "map(string)", description: "Tags added to every resource.", default: {} });
    const own = JSON.stringify({ Template: spec.templateId, ManagedBy: "blackwell-media-factory", ...(spec.clientId ? { Client: spec.clientId } : {}) });
    const group = new MediaPackagev2ChannelGroup(new Construct(this, "mediapackage"), "shared", {
      name,
      description: `Channel group shared by the creators of template ${spec.templateId}`,
      tags: Token.asStringMap(`\${merge(${hclObject(own)}, var.tags)}`),
    });
    // The template's creators share one account and region, so their channels' log group is managed here, once.
    medialiveLogGroup(new Construct(this, "logs"), variables, Token.asStringMap(`\${merge(${hclObject(own)}, var.tags)}`), true);
    const outputs = new Construct(this, "outputs");
    new TerraformOutput(outputs, "channel_group_name", {
      value: group.name,
      description: "Channel group name: input mediapackage_channel_group_name of every creator module.",
    });
    new TerraformOutput(outputs, "egress_domain", {
      value: group.egressDomain,
      description: "Egress domain of the group: input mediapackage_egress_domain of every creator module.",
    });
    new TerraformOutput(outputs, "channel_group_arn", { value: group.arn, description: "Channel group ARN." });
  }
}
