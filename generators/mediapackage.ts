/**
 * MediaPackage v2: a channel group (hashicorp/aws), a channel that MediaLive pushes HLS into, and an
 * origin endpoint per playback format (HLS over TS, DASH and HLS over CMAF), each with a policy that
 * admits only this pipeline's CloudFront distribution. Channel and endpoints are awscc resources.
 */
import { Construct } from "constructs";
import { MediaPackagev2ChannelGroup } from "@cdktf/provider-aws/lib/media-packagev2-channel-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { MediaPackageV2Channel, MediaPackageV2OriginEndpoint, MediaPackageV2OriginEndpointPolicy } from "./awscc/mediapackagev2";
import { PipelineContext } from "./context";

export type PlaybackFormat = "hls" | "dash" | "cmaf";

export interface PlaybackEndpoint {
  format: PlaybackFormat;
  endpoint: MediaPackageV2OriginEndpoint;
  endpointName: string;
  manifestFile: string;
}

/** Manifest window and segment length: shorter for low latency, DVR-friendly otherwise. */
export function packagingTimings(lowLatency: boolean) {
  return lowLatency
    ? { segmentSeconds: 2, manifestWindowSeconds: 30, startoverWindowSeconds: 300 }
    : { segmentSeconds: 6, manifestWindowSeconds: 60, startoverWindowSeconds: 1800 };
}

export class MediaPackage extends Construct {
  readonly channelGroup: MediaPackagev2ChannelGroup;
  readonly channel: MediaPackageV2Channel;
  readonly endpoints: PlaybackEndpoint[] = [];

  constructor(scope: Construct, id: string, private readonly ctx: PipelineContext) {
    super(scope, id);
    const p = ctx.pipeline;
    this.channelGroup = new MediaPackagev2ChannelGroup(this, "main@group", {
      name: `\${var.name_prefix}`,
      description: `Channel group for pipeline ${p.pipeline_id}`,
      tags: ctx.tags,
    });
    this.channel = new MediaPackageV2Channel(this, "main", {
      channelGroupName: this.channelGroup.name,
      channelName: "live",
      description: `${p.title} (from MediaLive)`,
      inputType: "HLS",
      tags: ctx.awsccTags,
    });
    const t = packagingTimings(p.low_latency);
    const channelName = this.channel.getStringAttribute("channel_name");
    const common = { channelGroupName: this.channelGroup.name, channelName, startoverWindowSeconds: t.startoverWindowSeconds, tags: ctx.awsccTags } as const;
    for (const format of p.packaging as PlaybackFormat[]) {
      const endpointName = format;
      const manifest = { manifestName: "index", manifestWindowSeconds: t.manifestWindowSeconds };
      const props =
        format === "hls"
          ? { containerType: "TS" as const, hlsManifests: [{ ...manifest, programDateTimeIntervalSeconds: t.segmentSeconds }] }
          : format === "cmaf"
            ? { containerType: "CMAF" as const, hlsManifests: [{ ...manifest, programDateTimeIntervalSeconds: t.segmentSeconds }] }
            : {
                containerType: "CMAF" as const,
                dashManifests: [{ ...manifest, minBufferTimeSeconds: t.segmentSeconds * 2, minUpdatePeriodSeconds: t.segmentSeconds, suggestedPresentationDelaySeconds: t.segmentSeconds * 3, segmentTemplateFormat: "NUMBER_WITH_TIMELINE" as const }],
              };
      const endpoint = new MediaPackageV2OriginEndpoint(this, format, {
        ...common,
        originEndpointName: endpointName,
        description: `${format.toUpperCase()} playback for ${p.pipeline_id}`,
        segment: { segmentDurationSeconds: t.segmentSeconds, segmentName: "segment" },
        ...props,
      });
      this.endpoints.push({ format, endpoint, endpointName, manifestFile: format === "dash" ? "index.mpd" : "index.m3u8" });
    }
  }

  /** Endpoint policies: only CloudFront, and only on behalf of this distribution, may read the endpoints. */
  admitDistribution(distributionArn: string): void {
    for (const { format, endpoint, endpointName } of this.endpoints) {
      const doc = new DataAwsIamPolicyDocument(this, `${format}_endpoint_access`, {
        statement: [
          {
            sid: "AllowThisCloudFrontDistribution",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
            actions: ["mediapackagev2:GetObject", "mediapackagev2:GetHeadObject"],
            resources: [endpoint.arn],
            condition: [{ test: "StringEquals", variable: "aws:SourceArn", values: [distributionArn] }],
          },
        ],
      });
      new MediaPackageV2OriginEndpointPolicy(this, `${format}@policy`, {
        channelGroupName: this.channelGroup.name,
        channelName: this.channel.getStringAttribute("channel_name"),
        originEndpointName: endpoint.getStringAttribute("origin_endpoint_name") || endpointName,
        policy: doc.json,
      });
    }
  }

  /** Path of a playback manifest below the channel group's egress domain (and so below the CDN domain). */
  manifestPath(e: PlaybackEndpoint): string {
    return `/out/v1/${this.channelGroup.name}/live/${e.endpointName}/${e.manifestFile}`;
  }
}
