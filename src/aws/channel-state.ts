/** The live state of a MediaLive channel, when AWS credentials are available. */
import { DescribeChannelCommand, MediaLiveClient } from "@aws-sdk/client-medialive";
import { awsClientConfig } from "./client-config";
import { awsFailureLine } from "./errors";

export interface ChannelState {
  state: string;
  pipelinesRunning?: number;
  detail?: string;
}

export async function channelState(
  channelId: string,
  region: string,
  client: Pick<MediaLiveClient, "send"> = new MediaLiveClient(awsClientConfig(region)),
): Promise<ChannelState> {
  try {
    const r = await client.send(new DescribeChannelCommand({ ChannelId: channelId }));
    return { state: r.State ?? "UNKNOWN", pipelinesRunning: r.PipelinesRunningCount };
  } catch (err) {
    const e = err as Error;
    if (/credential|Could not load/i.test(`${e.name} ${e.message}`)) return { state: "UNKNOWN", detail: "no AWS credentials; showing Terraform outputs only" };
    return { state: "UNKNOWN", detail: awsFailureLine(err) ?? `${e.name}: ${e.message}` };
  }
}
