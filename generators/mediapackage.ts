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
import { CHANNEL_GROUP_NAME_PATTERN, EGRESS_DOMAIN_PATTERN, type EndpointPlan, type PackagingPlan } from "../src/plans/packaging";
import { MediaPackageV2Channel, MediaPackageV2OriginEndpoint, MediaPackageV2OriginEndpointPolicy } from "./awscc/mediapackagev2";
import { ServiceProps } from "./context";

export interface PlaybackEndpoint extends EndpointPlan {
  endpoint: MediaPackageV2OriginEndpoint;
}

/** The channel group a pipeline's channel lives in: its own, or one shared by a template's creators. */
export interface ChannelGroupRef {
  name: string;
  egressDomain: string;
}

export interface MediaPackageProps extends ServiceProps<PackagingPlan> {
  /** Shown in the channel's description: "<title> (from MediaLive)". */
  title: string;
  /** Shown in the endpoints' descriptions. */
  pipelineId: string;
}

export class MediaPackage extends Construct {
  readonly channelGroup: ChannelGroupRef;
  readonly channel: MediaPackageV2Channel;
  readonly channelName: string;
  readonly endpoints: PlaybackEndpoint[] = [];

  constructor(scope: Construct, id: string, props: MediaPackageProps) {
    super(scope, id);
    const { context: ctx, plan } = props;
    if (plan.sharedGroup) {
      const shared = plan.sharedGroup;
      this.channelGroup = {
        name: ctx.variables.variable("mediapackage_channel_group_name", {
          type: "string",
          description: `MediaPackage v2 channel group shared by the creators of template ${shared.templateId}: output channel_group_name of module ${shared.moduleId}.`,
          validation: [
            {
              condition: `\${can(regex(${JSON.stringify(CHANNEL_GROUP_NAME_PATTERN)}, var.mediapackage_channel_group_name))}`,
              errorMessage: "mediapackage_channel_group_name must be 1-256 letters, digits, '_' or '-'.",
            },
          ],
        }).stringValue,
        egressDomain: ctx.variables.variable("mediapackage_egress_domain", {
          type: "string",
          description: `Egress domain of the shared channel group: output egress_domain of module ${shared.moduleId}.`,
          validation: [
            {
              condition: `\${can(regex(${JSON.stringify(EGRESS_DOMAIN_PATTERN)}, var.mediapackage_egress_domain))}`,
              errorMessage: "mediapackage_egress_domain must be a MediaPackage v2 egress domain (….mediapackagev2.<region>.amazonaws.com).",
            },
          ],
        }).stringValue,
      };
      // Channel names are unique within a group, so each creator's channel carries its own prefix.
      this.channelName = ctx.namePrefix;
    } else {
      const group = new MediaPackagev2ChannelGroup(this, "main@group", {
        name: `\${var.name_prefix}`,
        description: `Channel group for pipeline ${props.pipelineId}`,
        tags: ctx.tags,
      });
      this.channelGroup = { name: group.name, egressDomain: group.egressDomain };
      this.channelName = plan.channelName!;
    }
    const tags = ctx.awsccTagList();
    this.channel = new MediaPackageV2Channel(this, "main", {
      channelGroupName: this.channelGroup.name,
      channelName: this.channelName,
      description: `${props.title} (from MediaLive)`,
      inputType: "HLS",
      tags,
    });
    const channelName = this.channel.getStringAttribute("channel_name");
    for (const e of plan.endpoints) {
      const endpoint = new MediaPackageV2OriginEndpoint(this, e.format, {
        channelGroupName: this.channelGroup.name,
        channelName,
        startoverWindowSeconds: e.startoverWindowSeconds,
        tags,
        originEndpointName: e.endpointName,
        description: `${e.format.toUpperCase()} playback for ${props.pipelineId}`,
        segment: {
          segmentDurationSeconds: e.segmentSeconds,
          segmentName: "segment",
          ...(e.encryption ? { encryption: e.encryption } : {}),
          ...(e.adMarkers ? { scte: { scteFilter: e.adMarkers.scteFilter } } : {}),
        },
        containerType: e.containerType,
        ...(e.hlsManifests ? { hlsManifests: e.hlsManifests.map((m) => (e.adMarkers?.hls ? { ...m, scteHls: { adMarkerHls: e.adMarkers.hls } } : m)) } : {}),
        ...(e.dashManifests
          ? { dashManifests: e.dashManifests.map((m) => (e.adMarkers?.dash ? { ...m, scteDash: { adMarkerDash: e.adMarkers.dash } } : m)) }
          : {}),
      });
      this.endpoints.push({ ...e, endpoint });
    }
  }

  /**
   * Endpoint policies: only CloudFront, and only on behalf of this distribution, may read the endpoints; with
   * `harvesterAccount` (clips), also MediaPackage v2's live-to-VOD harvester of that account (MediaPackage v2 user guide,
   * origin endpoint authorization: "MediaPackage L2V Harvester").
   */
  admitDistribution(distributionArn: string, harvesterAccount?: string): void {
    for (const { format, endpoint, endpointName } of this.endpoints) {
      const doc = new DataAwsIamPolicyDocument(this, `${format}_endpoint_access`, {
        statement: [
          ...(harvesterAccount
            ? [
                {
                  sid: "AllowMediaPackageHarvestObjectAccess",
                  effect: "Allow",
                  principals: [{ type: "Service", identifiers: ["mediapackagev2.amazonaws.com"] }],
                  actions: ["mediapackagev2:HarvestObject", "mediapackagev2:GetObject"],
                  resources: [endpoint.arn],
                  condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [harvesterAccount] }],
                },
              ]
            : []),
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
    return `${this.channelPath()}/${e.endpointName}/${e.manifestFile}`;
  }

  /** Path of the channel's endpoints below the egress domain: /out/v1/<group>/<channel>. */
  channelPath(): string {
    return `/out/v1/${this.channelGroup.name}/${this.channelName}`;
  }
}
