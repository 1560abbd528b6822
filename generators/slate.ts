/**
 * The slate: a private bucket of the module (SecureBucket defaults) holding the committed slate image, readable by
 * the MediaLive channel's role only (its role policy and the bucket policy name that role and that object; nothing
 * else is granted). `blackwell media stream slate on` points a static-image schedule action at it.
 */
import { Construct } from "constructs";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import type { SlatePlan } from "../src/plans/slate";
import { SecureBucket } from "./archive";
import { ServiceProps } from "./context";

export interface SlateProps extends ServiceProps<SlatePlan> {
  /** The image's bytes, base64 (read by the synth layer from the committed file). */
  imageBase64: string;
}

export class Slate extends Construct {
  readonly store: SecureBucket;
  readonly image: S3Object;
  private readonly key: string;

  constructor(scope: Construct, id: string, props: SlateProps) {
    super(scope, id);
    const { context, plan } = props;
    this.key = plan.key;
    this.store = new SecureBucket(this, "slate_bucket", {
      context,
      name: "slate",
      prefixWord: "slate",
      purpose: "slate image",
      lifecycleRules: plan.lifecycleRules,
      forceDestroyVariable: "slate_force_destroy",
    });
    this.image = new S3Object(this, "slate_image", {
      bucket: this.store.bucket.id,
      key: plan.key,
      contentBase64: props.imageBase64,
      contentType: plan.contentType,
      tags: context.tags,
    });
  }

  get objectArn(): string {
    return `${this.store.bucket.arn}/${this.key}`;
  }

  /** MediaLive's location of the image (the s3ssl scheme the static image actions take). */
  get uri(): string {
    return `s3ssl://${this.store.bucket.bucket}/${this.key}`;
  }

  /** The bucket policy names the channel role as the one reader of the image. */
  admitChannelRole(roleArn: string): void {
    this.store.addToResourcePolicy({
      sid: "ChannelRoleReadsSlate",
      effect: "Allow",
      principals: [{ type: "AWS", identifiers: [roleArn] }],
      actions: ["s3:GetObject"],
      resources: [this.objectArn],
    });
  }
}
