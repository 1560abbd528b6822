/**
 * MediaPackage v2: a channel group (hashicorp/aws), a channel that MediaLive pushes HLS into, and an
 * origin endpoint per playback format (HLS over TS, DASH and HLS over CMAF), each with a policy that
 * admits only this pipeline's CloudFront distribution. Channel and endpoints are awscc resources.
 * A template's creators share one channel group, owned by the template's shared module: their
 * modules take its name and egress domain as inputs and add only their own channel and endpoints.
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

/** The channel group a pipeline's channel lives in: its own, or one shared by a template's creators. */
export interface ChannelGroupRef {
  name: string;
  egressDomain: string;
}

/** MediaPackage v2 names: 1-256 characters of letters, digits, '_' and '-' (API pattern [a-zA-Z0-9_-]+). */
export const CHANNEL_GROUP_NAME_PATTERN = "^[a-zA-Z0-9_-]{1,256}$";
export const EGRESS_DOMAIN_PATTERN = "^[a-z0-9][a-z0-9.-]*\\.mediapackagev2\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$";

export class MediaPackage extends Construct {
  readonly channelGroup: ChannelGroupRef;
  readonly channel: MediaPackageV2Channel;
  readonly channelName: string;
  readonly endpoints: PlaybackEndpoint[] = [];

  constructor(scope: Construct, id: string, private readonly ctx: PipelineContext) {
    super(scope, id);
    const p = ctx.pipeline;
    if (p.shared_channel_group) {
      const shared = p.shared_channel_group;
      this.channelGroup = {
        name: ctx.variables.variable("mediapackage_channel_group_name", {
          type: "string",
          description: `MediaPackage v2 channel group shared by the creators of template ${shared.template_id}: output channel_group_name of module ${shared.module_id}.`,
          validation: [{ condition: `\${can(regex(${JSON.stringify(CHANNEL_GROUP_NAME_PATTERN)}, var.mediapackage_channel_group_name))}`, errorMessage: "mediapackage_channel_group_name must be 1-256 letters, digits, '_' or '-'." }],
        }).stringValue,
        egressDomain: ctx.variables.variable("mediapackage_egress_domain", {
          type: "string",
          description: `Egress domain of the shared channel group: output egress_domain of module ${shared.module_id}.`,
          validation: [{ condition: `\${can(regex(${JSON.stringify(EGRESS_DOMAIN_PATTERN)}, var.mediapackage_egress_domain))}`, errorMessage: "mediapackage_egress_domain must be a MediaPackage v2 egress domain (….mediapackagev2.<region>.amazonaws.com)." }],
        }).stringValue,
      };
      // Channel names are unique within a group, so each creator's channel carries its own prefix.
      this.channelName = ctx.namePrefix;
    } else {
      const group = new MediaPackagev2ChannelGroup(this, "main@group", {
        name: `\${var.name_prefix}`,
        description: `Channel group for pipeline ${p.pipeline_id}`,
        tags: ctx.tags,
      });
      this.channelGroup = { name: group.name, egressDomain: group.egressDomain };
      this.channelName = "live";
    }
    this.channel = new MediaPackageV2Channel(this, "main", {
      channelGroupName: this.channelGroup.name,
      channelName: this.channelName,
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
    return `/out/v1/${this.channelGroup.name}/${this.channelName}/${e.endpointName}/${e.manifestFile}`;
  }
}
