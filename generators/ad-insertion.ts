/**
 * Server-side ad insertion: one MediaTailor playback configuration (awscc) over the pipeline's MediaPackage v2
 * channel. MediaTailor reads the origin manifests through the CloudFront distribution (the endpoints admit only it),
 * and writes CloudFront URLs for ad segments (/tm/*, MediaTailor's segments origin) and content segments (MediaPackage)
 * into the manifests it personalizes; viewers start sessions at CloudFront's /v1/* behaviour.
 */
import { Construct } from "constructs";
import type { AdInsertionPlan, PersonalizedEndpointPlan } from "../src/plans/ad-insertion";
import { escapeTerraformTemplate } from "../src/plans/terraform-literal";
import { MediaTailorPlaybackConfiguration } from "./awscc/mediatailor";
import { ServiceProps } from "./context";

export interface AdInsertionProps extends ServiceProps<AdInsertionPlan> {
  /** The distribution's domain name: viewers, MediaTailor's origin requests and the segment URLs all go through it. */
  cdnDomain: string;
  /** Path of the MediaPackage v2 channel below the egress domain (and the CDN): /out/v1/<group>/<channel>. */
  contentSourcePath: string;
}

export class AdInsertion extends Construct {
  readonly configuration: MediaTailorPlaybackConfiguration;
  private readonly cdnDomain: string;

  constructor(scope: Construct, id: string, props: AdInsertionProps) {
    super(scope, id);
    const { context: ctx, plan } = props;
    this.cdnDomain = props.cdnDomain;
    const cdn = `https://${props.cdnDomain}`;
    this.configuration = new MediaTailorPlaybackConfiguration(this, "main", {
      name: ctx.namePrefix,
      adDecisionServerUrl: escapeTerraformTemplate(plan.adDecisionServerUrl),
      videoContentSourceUrl: `${cdn}${props.contentSourcePath}`,
      ...(plan.slateAdUrl ? { slateAdUrl: escapeTerraformTemplate(plan.slateAdUrl) } : {}),
      ...(plan.personalizationThresholdSeconds !== undefined ? { personalizationThresholdSeconds: plan.personalizationThresholdSeconds } : {}),
      cdnConfiguration: { adSegmentUrlPrefix: cdn, contentSegmentUrlPrefix: cdn },
      tags: ctx.awsccTagList(),
    });
  }

  /**
   * A viewer's playback URL through CloudFront: MediaTailor's session prefix for the manifest type
   * (https://<id>.mediatailor.<region>.amazonaws.com/v1/master/<hash>/<name>/) with CloudFront's host, then the asset path.
   */
  playbackUrl(e: PersonalizedEndpointPlan): string {
    const c = this.configuration;
    const prefix = `${c.terraformResourceType}.${c.friendlyUniqueId}.${e.manifestType}_configuration.manifest_endpoint_prefix`;
    return `https://${this.cdnDomain}/\${replace(${prefix}, "/^https://[^/]+//", "")}${e.assetPath}`;
  }
}
