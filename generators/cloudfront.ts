/**
 * CloudFront in front of MediaPackage v2 (live) and S3 (archive/VOD): origin access control for both,
 * short-TTL caching for manifests and long-TTL for segments, CORS for embedding players, HTTPS only.
 * Private pipelines require signed URLs (a key group from the caller's public key).
 */
import { Construct } from "constructs";
import type { CloudfrontDistributionOrderedCacheBehavior, CloudfrontDistributionOrigin } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import { CloudfrontOriginRequestPolicy } from "@cdktf/provider-aws/lib/cloudfront-origin-request-policy";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { CloudfrontPublicKey } from "@cdktf/provider-aws/lib/cloudfront-public-key";
import { CloudfrontKeyGroup } from "@cdktf/provider-aws/lib/cloudfront-key-group";
import { cloudfrontDistribution, type CloudfrontDistributionResource, type S3BucketResource } from "./shaped-bindings";
import { CACHE_TTL, type BehaviourPlan, type BucketOriginId, type CachePolicyName, type DeliveryPlan } from "../src/plans/delivery";
import { PipelineContext, ServiceProps } from "./context";

export interface CdnProps extends ServiceProps<DeliveryPlan> {
  /** The distribution's comment: "<title> (<pipeline id>)". */
  comment: string;
  /** MediaPackage v2 channel group egress domain, when the plan has a MediaPackage origin. */
  mediapackageDomain?: string;
  /** The failover region's channel group egress domain, when the plan has a MediaPackage origin group. */
  failoverMediapackageDomain?: string;
  /** The bucket behind each bucket origin of the plan. */
  buckets: Partial<Record<BucketOriginId, S3BucketResource>>;
}

export class Cdn extends Construct {
  readonly distribution: CloudfrontDistributionResource;
  private readonly ctx: PipelineContext;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);
    const { context: ctx, plan } = props;
    this.ctx = ctx;
    const policies: Partial<Record<CachePolicyName, CloudfrontCachePolicy>> = {
      manifests: this.cachePolicy("manifests", CACHE_TTL.manifests, true),
      segments: this.cachePolicy("segments", CACHE_TTL.segments, false),
    };
    const headers = this.responseHeaders(plan.defaultEmbedOrigins);
    const trustedKeyGroups = plan.signed ? [this.keyGroup().id] : undefined;
    // The live-status document's seconds-long policy, only where the plan serves it.
    if (plan.orderedBehaviours.some((b) => b.cachePolicy === "status")) policies.status = this.cachePolicy("status", CACHE_TTL.status, false);
    // MediaTailor's personalized manifests: never cached, the player's query strings (session, ad parameters) passed on.
    if (plan.orderedBehaviours.some((b) => b.cachePolicy === "personalized"))
      policies.personalized = this.cachePolicy("personalized", CACHE_TTL.personalized, false);
    const queryStrings = plan.orderedBehaviours.some((b) => b.forwardQueryStrings) ? this.queryStringsToOrigin() : undefined;

    const originList: CloudfrontDistributionOrigin[] = [];
    const failover = plan.mediapackageFailover;
    if (plan.mediapackageOrigin) {
      if (!props.mediapackageDomain) throw new Error("generator bug: the delivery plan has a MediaPackage origin but no egress domain was given");
      const oac = this.originAccessControl("mediapackage", "mediapackagev2", "CloudFront signs origin requests to MediaPackage v2");
      const mediapackageOrigin = (originId: string, domainName: string) => ({
        originId,
        domainName,
        originAccessControlId: oac.id,
        customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
      });
      originList.push(mediapackageOrigin("mediapackage", props.mediapackageDomain));
      if (failover) {
        if (!props.failoverMediapackageDomain) throw new Error("generator bug: the delivery plan fails over to a second region but no egress domain was given");
        originList.push(mediapackageOrigin(failover.failoverOriginId, props.failoverMediapackageDomain));
      }
    }
    // MediaTailor's regional origins take plain HTTPS requests (no origin access control).
    for (const o of plan.mediatailorOrigins ?? [])
      originList.push({
        originId: o.id,
        domainName: o.domainName,
        customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
      });
    if (plan.bucketOrigins.length) {
      const oac = this.originAccessControl("s3", "s3", "CloudFront signs origin requests to the pipeline's buckets");
      for (const b of plan.bucketOrigins) {
        const bucket = props.buckets[b.id];
        if (!bucket) throw new Error(`generator bug: the delivery plan serves the ${b.id} bucket but none was given`);
        originList.push({ originId: b.id, domainName: bucket.bucketRegionalDomainName, originAccessControlId: oac.id });
      }
    }
    const behavior = (b: BehaviourPlan) => ({
      // With a failover region, live playback goes to the origin group (primary region first).
      targetOriginId: failover && b.origin === "mediapackage" ? failover.originGroupId : b.origin,
      viewerProtocolPolicy: "https-only",
      allowedMethods: ["GET", "HEAD", "OPTIONS"],
      cachedMethods: ["GET", "HEAD"],
      cachePolicyId: policies[b.cachePolicy]!.id,
      originRequestPolicyId: b.forwardQueryStrings ? queryStrings!.id : undefined,
      responseHeadersPolicyId: headers.id,
      compress: b.compress,
      // The live status says only whether a stream is on; a private stream's segments stay signed.
      trustedKeyGroups: b.unsigned ? undefined : trustedKeyGroups,
    });
    const ordered: CloudfrontDistributionOrderedCacheBehavior[] = plan.orderedBehaviours.map((b) => ({ pathPattern: b.pathPattern, ...behavior(b) }));

    const certificate = ctx.variables.variable("acm_certificate_arn", {
      type: "string",
      description:
        "ACM certificate (us-east-1) for custom domain names in `aliases`. With it viewers must use TLS 1.2+ (TLSv1.2_2021); without it the *.cloudfront.net certificate is used.",
      default: null,
      nullable: true,
    }).stringValue;
    const aliases = ctx.variables.variable("aliases", {
      type: "list(string)",
      description: "Custom domain names for the distribution (need acm_certificate_arn).",
      default: [],
    }).listValue;
    this.distribution = cloudfrontDistribution(this, "main", {
      enabled: true,
      comment: props.comment,
      priceClass: plan.priceClass,
      httpVersion: "http2and3",
      isIpv6Enabled: true,
      aliases,
      webAclId: ctx.variables.variable("web_acl_id", {
        type: "string",
        description: "Optional AWS WAF web ACL (ARN) to attach to the distribution.",
        default: null,
        nullable: true,
      }).stringValue,
      origin: originList,
      ...(failover
        ? {
            originGroup: [
              {
                originId: failover.originGroupId,
                failoverCriteria: { statusCodes: failover.statusCodes },
                member: [{ originId: "mediapackage" }, { originId: failover.failoverOriginId }],
              },
            ],
          }
        : {}),
      defaultCacheBehavior: behavior(plan.defaultBehaviour),
      orderedCacheBehavior: ordered,
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: {
        acmCertificateArn: certificate,
        cloudfrontDefaultCertificate: `\${var.acm_certificate_arn == null}` as unknown as boolean,
        sslSupportMethod: `\${var.acm_certificate_arn == null ? null : "sni-only"}`,
        minimumProtocolVersion: `\${var.acm_certificate_arn == null ? "TLSv1" : "TLSv1.2_2021"}`,
      },
      tags: ctx.tags,
    });
  }

  /** Origin access control: CloudFront signs every origin request (SigV4), so origins can refuse anyone else. */
  private originAccessControl(name: string, originType: string, description: string): CloudfrontOriginAccessControl {
    return new CloudfrontOriginAccessControl(this, name, {
      name: `\${var.name_prefix}-${name}`,
      description,
      originAccessControlOriginType: originType,
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
  }

  private cachePolicy(name: string, ttl: { min: number; default: number; max: number }, manifest: boolean): CloudfrontCachePolicy {
    return new CloudfrontCachePolicy(this, name, {
      name: `\${var.name_prefix}-${name}`,
      comment: manifest
        ? "Live manifests: seconds, query strings kept (MediaPackage manifest filters, time-shift)"
        : name === "status"
          ? "Live status document: seconds"
          : name === "personalized"
            ? "MediaTailor personalized manifests: one per viewer, not cached"
            : "Media segments: immutable, cached long",
      minTtl: ttl.min,
      defaultTtl: ttl.default,
      maxTtl: ttl.max,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: manifest ? "all" : "none" },
        enableAcceptEncodingGzip: manifest,
        enableAcceptEncodingBrotli: manifest,
      },
    });
  }

  /** Every viewer query string to the origin, no headers or cookies (the Host header stays the origin's own). */
  private queryStringsToOrigin(): CloudfrontOriginRequestPolicy {
    return new CloudfrontOriginRequestPolicy(this, "query_strings", {
      name: `\${var.name_prefix}-query-strings`,
      comment: "MediaTailor sessions: the player's query strings reach MediaTailor",
      cookiesConfig: { cookieBehavior: "none" },
      headersConfig: { headerBehavior: "none" },
      queryStringsConfig: { queryStringBehavior: "all" },
    });
  }

  private responseHeaders(defaultOrigins: string[]): CloudfrontResponseHeadersPolicy {
    const origins = this.ctx.variables.variable("allowed_embed_origins", {
      type: "list(string)",
      description:
        'Web origins allowed to fetch the stream from a browser player (CORS), e.g. ["https://shop.example.com"]. ["*"] allows any site to embed it.',
      default: defaultOrigins,
      validation: [
        {
          condition: '${alltrue([for o in var.allowed_embed_origins : o == "*" || can(regex("^https://[^/]+$", o))])}',
          errorMessage: 'allowed_embed_origins entries must be "*" or https://host origins without a path.',
        },
      ],
    });
    return new CloudfrontResponseHeadersPolicy(this, "cors", {
      name: `\${var.name_prefix}-cors`,
      comment: "CORS for embedded players, plus security headers",
      corsConfig: {
        accessControlAllowCredentials: false,
        accessControlAllowHeaders: { items: ["*"] },
        accessControlAllowMethods: { items: ["GET", "HEAD", "OPTIONS"] },
        accessControlAllowOrigins: { items: origins.listValue },
        accessControlMaxAgeSec: 600,
        originOverride: true,
      },
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: 31_536_000, includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
      },
    });
  }

  private keyGroup(): CloudfrontKeyGroup {
    const pem = this.ctx.variables.variable("cloudfront_public_key_pem", {
      type: "string",
      description: "PEM public key (-----BEGIN PUBLIC KEY-----) whose private half signs playback URLs. Keep the private key in your secret store.",
      validation: [
        {
          condition: '${can(regex("^-----BEGIN PUBLIC KEY-----", trimspace(var.cloudfront_public_key_pem)))}',
          errorMessage: "cloudfront_public_key_pem must be a PEM public key (-----BEGIN PUBLIC KEY-----).",
        },
      ],
    });
    const key = new CloudfrontPublicKey(this, "signing", {
      namePrefix: `\${var.name_prefix}-`,
      encodedKey: pem.stringValue,
      comment: "Verifies signed playback URLs",
    });
    return new CloudfrontKeyGroup(this, "signing@group", { name: `\${var.name_prefix}-signing`, items: [key.id], comment: "Signers of playback URLs" });
  }
}
