/**
 * aws_medialive_channel, typed by the CDKTF binding's MedialiveChannelConfig but rendered from the build's shape table
 * (generators/shaped-resource.ts), so a synth does not parse the binding's 4.1 MB. Without a current table (no build
 * yet, or a provider upgrade since) it is the binding's own MedialiveChannel: the same Terraform either way.
 */
import { Construct } from "constructs";
import type { TerraformResource } from "cdktf";
import type { MedialiveChannelConfig } from "@cdktf/provider-aws/lib/medialive-channel";
import { ShapedResource, currentResourceShape, type ResourceShape } from "./shaped-resource";

/** What the generators read of a channel. */
export type MediaLiveChannelResource = TerraformResource & { readonly id: string; readonly arn: string };

class ShapedMediaLiveChannel extends ShapedResource {
  get id(): string {
    return this.getStringAttribute("id");
  }
  get arn(): string {
    return this.getStringAttribute("arn");
  }
}

let shape: ResourceShape | null | undefined;

export function medialiveChannel(scope: Construct, id: string, config: MedialiveChannelConfig): MediaLiveChannelResource {
  if (shape === undefined) shape = currentResourceShape("aws_medialive_channel") ?? null;
  if (shape) return new ShapedMediaLiveChannel(scope, id, shape, config as unknown as Record<string, unknown>);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the binding is loaded only when there is no current table
  const { MedialiveChannel } = require("@cdktf/provider-aws/lib/medialive-channel") as typeof import("@cdktf/provider-aws/lib/medialive-channel");
  return new MedialiveChannel(scope, id, config);
}
