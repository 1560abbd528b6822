/** The live state of a MediaLive channel, when AWS credentials are available. */
import { DescribeChannelCommand, MediaLiveClient } from "@aws-sdk/client-medialive";

export interface ChannelState {
  state: string;
  pipelinesRunning?: number;
  detail?: string;
}

export async function channelState(channelId: string, region: string, client: Pick<MediaLiveClient, "send"> = new MediaLiveClient({ region })): Promise<ChannelState> {
  try {
    const r = await client.send(new DescribeChannelCommand({ ChannelId: channelId }));
    return { state: r.State ?? "UNKNOWN", pipelinesRunning: r.PipelinesRunningCount };
  } catch (err) {
    const e = err as Error;
    if (/credential|Could not load|security token|ExpiredToken/i.test(`${e.name} ${e.message}`)) return { state: "UNKNOWN", detail: "no AWS credentials; showing Terraform outputs only" };
    return { state: "UNKNOWN", detail: `${e.name}: ${e.message}` };
  }
}
