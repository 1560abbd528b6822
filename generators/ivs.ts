/**
 * The Amazon IVS backend (ivs.tf.json): one IVS channel, its recording configuration writing to the archive bucket, and
 * with access private the playback key pair that verifies viewers' playback tokens. Built from src/plans/ivs.ts.
 */
import { Construct } from "constructs";
import { IvsChannel } from "@cdktf/provider-aws/lib/ivs-channel";
import { IvsRecordingConfiguration } from "@cdktf/provider-aws/lib/ivs-recording-configuration";
import { IvsPlaybackKeyPair } from "@cdktf/provider-aws/lib/ivs-playback-key-pair";
import { DataAwsIvsStreamKey } from "@cdktf/provider-aws/lib/data-aws-ivs-stream-key";
import type { IvsPlan } from "../src/plans/ivs";
import type { ServiceProps } from "./context";
import { SecureBucket } from "./archive";

export class Ivs extends Construct {
  readonly channel: IvsChannel;
  readonly streamKey: DataAwsIvsStreamKey;
  readonly archive?: SecureBucket;
  readonly playbackKeyPair?: IvsPlaybackKeyPair;

  constructor(scope: Construct, id: string, props: ServiceProps<IvsPlan>) {
    super(scope, id);
    const { context: ctx, plan } = props;
    let recording: IvsRecordingConfiguration | undefined;
    if (plan.recording) {
      // IVS writes with its service-linked role (AWSServiceRoleForIVSRecordToS3); the bucket stays private and SSE-S3 encrypted.
      this.archive = new SecureBucket(this, "archive_bucket", {
        context: ctx,
        name: "archive",
        prefixWord: "archive",
        purpose: "live archive",
        lifecycleRules: plan.recording.lifecycleRules,
        forceDestroyVariable: "archive_force_destroy",
      });
      recording = new IvsRecordingConfiguration(this, "recording", {
        name: "${var.name_prefix}-recording",
        destinationConfiguration: { s3: { bucketName: this.archive.bucket.bucket } },
        recordingReconnectWindowSeconds: plan.recording.reconnectWindowSeconds,
        tags: ctx.tags,
      });
    }
    this.channel = new IvsChannel(this, "channel", {
      name: "${var.name_prefix}-channel",
      type: plan.channelType,
      latencyMode: plan.latencyMode,
      authorized: plan.authorized,
      ...(recording ? { recordingConfigurationArn: recording.arn } : {}),
      tags: ctx.tags,
    });
    // IVS creates the channel's stream key with the channel; the data source reads its value for the sensitive output.
    this.streamKey = new DataAwsIvsStreamKey(this, "stream_key", { channelArn: this.channel.arn });
    if (plan.authorized) {
      const pem = ctx.variables.variable("ivs_playback_public_key_pem", {
        type: "string",
        description:
          "PEM public key (ECDSA P-384, -----BEGIN PUBLIC KEY-----) whose private half signs IVS playback tokens. Keep the private key in your secret store.",
        validation: [
          {
            condition: '${can(regex("^-----BEGIN PUBLIC KEY-----", trimspace(var.ivs_playback_public_key_pem)))}',
            errorMessage: "ivs_playback_public_key_pem must be a PEM public key (-----BEGIN PUBLIC KEY-----).",
          },
        ],
      });
      this.playbackKeyPair = new IvsPlaybackKeyPair(this, "playback", { name: "${var.name_prefix}-playback", publicKey: pem.stringValue, tags: ctx.tags });
    }
  }
}
