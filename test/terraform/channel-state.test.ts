import { mockClient } from "aws-sdk-client-mock";
import { DescribeChannelCommand, MediaLiveClient } from "@aws-sdk/client-medialive";
import { channelState } from "../../src/aws/channel-state";

test("status reads the live channel state from MediaLive, and says so when credentials are missing", async () => {
  const medialive = mockClient(MediaLiveClient);
  medialive.on(DescribeChannelCommand, { ChannelId: "1234567" }).resolves({ State: "RUNNING", PipelinesRunningCount: 2 });
  expect(await channelState("1234567", "us-east-1", new MediaLiveClient({ region: "us-east-1" }))).toEqual({ state: "RUNNING", pipelinesRunning: 2 });
  medialive.reset();
  medialive.on(DescribeChannelCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
  expect(await channelState("1234567", "us-east-1", new MediaLiveClient({ region: "us-east-1" }))).toEqual({
    state: "UNKNOWN",
    detail: "no AWS credentials; showing Terraform outputs only",
  });
  medialive.restore();
});
