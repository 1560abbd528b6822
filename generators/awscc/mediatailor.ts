/**
 * awscc_mediatailor_playback_configuration (CloudFormation AWS::MediaTailor::PlaybackConfiguration): hashicorp/aws
 * 5.100.0 has no MediaTailor resource. Property names are the CloudFormation schema's, camelCase here.
 */
import { Construct } from "constructs";
import type { IResolvable } from "cdktf";
import { AwsccResource } from "./awscc-resource";
import type { Tag } from "./mediapackagev2";

export interface MediaTailorPlaybackConfigurationProps {
  name: string;
  /** The ad decision server (VAST/VMAP) URL. */
  adDecisionServerUrl: string;
  /** The URL prefix of the origin manifests, without the asset id (the player asks for <prefix>/<asset id>). */
  videoContentSourceUrl: string;
  slateAdUrl?: string;
  personalizationThresholdSeconds?: number;
  /** CDN URL prefixes MediaTailor writes into personalized manifests for ad and content segments. */
  cdnConfiguration?: { adSegmentUrlPrefix?: string; contentSegmentUrlPrefix?: string };
  tags?: Tag[] | IResolvable;
}

export class MediaTailorPlaybackConfiguration extends AwsccResource<MediaTailorPlaybackConfigurationProps> {
  constructor(scope: Construct, id: string, props: MediaTailorPlaybackConfigurationProps) {
    super(scope, id, "awscc_mediatailor_playback_configuration", props);
  }
  get arn(): string {
    return this.getStringAttribute("playback_configuration_arn");
  }
  /** Where HLS sessions start: https://<id>.mediatailor.<region>.amazonaws.com/v1/master/<hash>/<name>/ */
  get hlsManifestEndpointPrefix(): string {
    return `\${${this.terraformResourceType}.${this.friendlyUniqueId}.hls_configuration.manifest_endpoint_prefix}`;
  }
  /** Where DASH sessions start: https://<id>.mediatailor.<region>.amazonaws.com/v1/dash/<hash>/<name>/ */
  get dashManifestEndpointPrefix(): string {
    return `\${${this.terraformResourceType}.${this.friendlyUniqueId}.dash_configuration.manifest_endpoint_prefix}`;
  }
}
