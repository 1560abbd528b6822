/**
 * The MediaLive channels of a deployed live pipeline, read from the applied module's outputs: the primary
 * (channel_id, in the pipeline's region) and, with a failover region, the second channel (failover_channel_id, in
 * failover_region). The outputs are what was applied, so a failover channel still deployed is found even when the
 * definition no longer names the region (it still runs and bills until the module is re-applied).
 */
import { UserError } from "../core/problems";

export type ChannelRole = "primary" | "failover";
export const CHANNEL_ROLES: readonly ChannelRole[] = ["primary", "failover"];

export interface PipelineChannel {
  role: ChannelRole;
  region: string;
  channelId: string;
  /** Its MediaPackage v2 channel (group and channel names), when the module packages the stream. */
  mediapackage?: { channelGroup: string; channel: string };
}

/** Which channels a command acts on: `--region primary|failover|all`, or the AWS region of one of them. */
export const REGION_CHOICES = ["all", ...CHANNEL_ROLES] as const;

type Outputs = Record<string, { value?: unknown }>;
const text = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** arn:aws:mediapackagev2:<region>:<account>:channelGroup/<group>/channel/<channel> -> group and channel. */
export function mediapackageChannelOfArn(arn: string | undefined): { channelGroup: string; channel: string } | undefined {
  const m = arn?.match(/:channelGroup\/([^/]+)\/channel\/([^/]+)$/);
  return m ? { channelGroup: m[1], channel: m[2] } : undefined;
}

/** "primary us-east-1": how every line about one channel starts when a pipeline has two. */
export const channelLabel = (c: Pick<PipelineChannel, "role" | "region">) => `${c.role} ${c.region}`;

export function pipelineChannels(pipeline: { pipeline_id: string; region: string; failover_region?: string }, outputs: Outputs): PipelineChannel[] {
  const id = pipeline.pipeline_id;
  const reapply = `re-apply the module (blackwell media deploy ${id})`;
  const channelId = text(outputs.channel_id?.value);
  if (!channelId) throw new UserError(`${id}'s applied outputs have no channel_id: ${reapply}`);
  const group = text(outputs.mediapackage_channel_group?.value);
  const primaryPackaging = mediapackageChannelOfArn(text(outputs.mediapackage_channel_arn?.value));
  const channels: PipelineChannel[] = [
    {
      role: "primary",
      region: pipeline.region,
      channelId,
      ...(group && primaryPackaging ? { mediapackage: { channelGroup: group, channel: primaryPackaging.channel } } : {}),
    },
  ];
  const failoverId = text(outputs.failover_channel_id?.value);
  const failoverRegion = text(outputs.failover_region?.value) ?? pipeline.failover_region;
  if (!failoverId) {
    if (pipeline.failover_region)
      throw new UserError(`${id} names failover_region ${pipeline.failover_region} but its applied outputs have no failover_channel_id: ${reapply}`);
    return channels;
  }
  if (!failoverRegion) throw new UserError(`${id}'s applied outputs have a failover_channel_id but no failover_region: ${reapply}`);
  const failoverPackaging = mediapackageChannelOfArn(text(outputs.failover_mediapackage_channel_arn?.value));
  channels.push({ role: "failover", region: failoverRegion, channelId: failoverId, ...(failoverPackaging ? { mediapackage: failoverPackaging } : {}) });
  return channels;
}

/** The channels `--region` picks (a role, all, or a channel's AWS region); a choice that names none is the user's mistake. */
export function chooseChannels(channels: PipelineChannel[], choice: string, pipelineId: string): PipelineChannel[] {
  if (choice === "all") return channels;
  const chosen = channels.filter((c) => c.role === choice || c.region === choice);
  if (chosen.length > 0) return chosen;
  const where = channels.map((c) => `${c.role} ${c.region}`).join(", ");
  if (choice === "failover") throw new UserError(`${pipelineId} has no failover channel: it runs one channel (${where}); drop --region`);
  throw new UserError(`--region ${choice}: ${pipelineId}'s channels are ${where}; say all, ${channels.map((c) => c.role).join(", ")} or one of their regions`);
}
