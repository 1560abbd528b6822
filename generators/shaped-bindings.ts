/**
 * Resources rendered from the build's shape tables (generators/shaped-resource.ts) rather than from their CDKTF
 * bindings, so a synth does not parse those bindings: aws_medialive_channel's 4.1 MB, and cloudfront-distribution's and
 * s3-bucket's 1.4 MB that almost every pipeline needs. Each is typed by its binding's config and gives the attributes
 * the generators read. Without a current table (no build yet, or a provider upgrade since) it is the binding's own
 * class: the same Terraform either way.
 */
import type { Construct } from "constructs";
import type { TerraformResource } from "cdktf";
import type { MedialiveChannelConfig } from "@cdktf/provider-aws/lib/medialive-channel";
import type { CloudfrontDistributionConfig } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import type { S3BucketConfig } from "@cdktf/provider-aws/lib/s3-bucket";
import { ShapedResource, currentResourceShape, type ResourceShape } from "./shaped-resource";

/** A resource with the string attributes a generator reads from it (tokens, as the binding's getters give them). */
export type ShapedResourceOf<Attribute extends string> = TerraformResource & { readonly [A in Attribute]: string };

type Binding<Config, Attribute extends string> = new (scope: Construct, id: string, config: Config) => ShapedResourceOf<Attribute>;

const terraformName = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function shaped<Config extends object, Attribute extends string>(
  resource: string,
  attributes: readonly Attribute[],
  binding: () => Binding<Config, Attribute>,
): (scope: Construct, id: string, config: Config) => ShapedResourceOf<Attribute> {
  let shape: ResourceShape | null | undefined;
  return (scope, id, config) => {
    if (shape === undefined) shape = currentResourceShape(resource) ?? null;
    if (!shape) return new (binding())(scope, id, config);
    const element = new ShapedResource(scope, id, shape, config as Record<string, unknown>);
    for (const attribute of attributes) Object.defineProperty(element, attribute, { get: () => element.getStringAttribute(terraformName(attribute)) });
    return element as unknown as ShapedResourceOf<Attribute>;
  };
}

/* eslint-disable @typescript-eslint/no-require-imports -- a binding is loaded only when its table is not current */
export const medialiveChannel = shaped<MedialiveChannelConfig, "id" | "arn">(
  "aws_medialive_channel",
  ["id", "arn"],
  () => (require("@cdktf/provider-aws/lib/medialive-channel") as typeof import("@cdktf/provider-aws/lib/medialive-channel")).MedialiveChannel,
);
export type MediaLiveChannelResource = ReturnType<typeof medialiveChannel>;

export const cloudfrontDistribution = shaped<CloudfrontDistributionConfig, "id" | "arn" | "domainName">(
  "aws_cloudfront_distribution",
  ["id", "arn", "domainName"],
  () => (require("@cdktf/provider-aws/lib/cloudfront-distribution") as typeof import("@cdktf/provider-aws/lib/cloudfront-distribution")).CloudfrontDistribution,
);
export type CloudfrontDistributionResource = ReturnType<typeof cloudfrontDistribution>;

export const s3Bucket = shaped<S3BucketConfig, "id" | "arn" | "bucket" | "bucketRegionalDomainName">(
  "aws_s3_bucket",
  ["id", "arn", "bucket", "bucketRegionalDomainName"],
  () => (require("@cdktf/provider-aws/lib/s3-bucket") as typeof import("@cdktf/provider-aws/lib/s3-bucket")).S3Bucket,
);
export type S3BucketResource = ReturnType<typeof s3Bucket>;
/* eslint-enable @typescript-eslint/no-require-imports */
