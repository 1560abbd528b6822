/**
 * awscc_mediapackagev2_* resources (CloudFormation AWS::MediaPackageV2::Channel, ::OriginEndpoint,
 * ::OriginEndpointPolicy). hashicorp/aws only has the channel group.
 */
import { Construct } from "constructs";
import type { IResolvable } from "cdktf";
import { AwsccResource } from "./awscc-resource";

export interface Tag {
  key: string;
  value: string;
}

export interface MediaPackageV2ChannelProps {
  channelGroupName: string;
  channelName: string;
  description?: string;
  inputType?: "HLS" | "CMAF";
  tags?: Tag[] | IResolvable;
}

export class MediaPackageV2Channel extends AwsccResource<MediaPackageV2ChannelProps> {
  constructor(scope: Construct, id: string, props: MediaPackageV2ChannelProps) {
    super(scope, id, "awscc_mediapackagev2_channel", props);
  }
  get arn(): string {
    return this.getStringAttribute("arn");
  }
  get ingestEndpointUrls(): string[] {
    return this.getListAttribute("ingest_endpoint_urls");
  }
}

export interface HlsManifest {
  manifestName: string;
  scteHls?: { adMarkerHls: "DATERANGE" };
  childManifestName?: string;
  manifestWindowSeconds?: number;
  programDateTimeIntervalSeconds?: number;
}

export interface DashManifest {
  manifestName: string;
  manifestWindowSeconds?: number;
  minBufferTimeSeconds?: number;
  minUpdatePeriodSeconds?: number;
  suggestedPresentationDelaySeconds?: number;
  segmentTemplateFormat?: "NUMBER_WITH_TIMELINE";
  periodTriggers?: Array<"AVAILS" | "DRM_KEY_ROTATION" | "SOURCE_CHANGES" | "SOURCE_DISRUPTIONS" | "NONE">;
  scteDash?: { adMarkerDash: "XML" | "BINARY" };
}

/** Segment.Encryption: SPEKE v2 keys for the endpoint (CloudFormation requires the method and the key provider). */
export interface OriginEndpointEncryption {
  encryptionMethod: { tsEncryptionMethod?: "AES_128" | "SAMPLE_AES"; cmafEncryptionMethod?: "CENC" | "CBCS"; ismEncryptionMethod?: "CENC" };
  keyRotationIntervalSeconds?: number;
  constantInitializationVector?: string;
  cmafExcludeSegmentDrmMetadata?: boolean;
  spekeKeyProvider: {
    drmSystems: Array<"CLEAR_KEY_AES_128" | "FAIRPLAY" | "PLAYREADY" | "WIDEVINE" | "IRDETO">;
    resourceId: string;
    roleArn: string;
    url: string;
    certificateArn?: string;
    encryptionContractConfiguration: {
      presetSpeke20Audio: "PRESET_AUDIO_1" | "PRESET_AUDIO_2" | "PRESET_AUDIO_3" | "SHARED" | "UNENCRYPTED";
      presetSpeke20Video: "PRESET_VIDEO_1" | "PRESET_VIDEO_2" | "PRESET_VIDEO_3" | "PRESET_VIDEO_4" | "SHARED" | "UNENCRYPTED";
    };
  };
}

export interface OriginEndpointSegment {
  segmentDurationSeconds: number;
  segmentName?: string;
  includeIframeOnlyStreams?: boolean;
  tsUseAudioRenditionGroup?: boolean;
  encryption?: OriginEndpointEncryption;
  /** SCTE-35 message types treated as ad markers. */
  scte?: { scteFilter: readonly string[] };
}

export interface MediaPackageV2OriginEndpointProps {
  channelGroupName: string;
  channelName: string;
  originEndpointName: string;
  containerType: "TS" | "CMAF";
  description?: string;
  segment: OriginEndpointSegment;
  startoverWindowSeconds?: number;
  hlsManifests?: HlsManifest[];
  lowLatencyHlsManifests?: HlsManifest[];
  dashManifests?: DashManifest[];
  tags?: Tag[] | IResolvable;
}

export class MediaPackageV2OriginEndpoint extends AwsccResource<MediaPackageV2OriginEndpointProps> {
  constructor(scope: Construct, id: string, props: MediaPackageV2OriginEndpointProps) {
    super(scope, id, "awscc_mediapackagev2_origin_endpoint", props);
  }
  get arn(): string {
    return this.getStringAttribute("arn");
  }
}

export interface MediaPackageV2OriginEndpointPolicyProps {
  channelGroupName: string;
  channelName: string;
  originEndpointName: string;
  /** The policy document as a JSON string (awscc takes it as a JSON string attribute). */
  policy: string;
}

export class MediaPackageV2OriginEndpointPolicy extends AwsccResource<MediaPackageV2OriginEndpointPolicyProps> {
  constructor(scope: Construct, id: string, props: MediaPackageV2OriginEndpointPolicyProps) {
    super(scope, id, "awscc_mediapackagev2_origin_endpoint_policy", props);
  }
}
