/**
 * The S3 archive of the live stream: private (public access blocked, bucket-owner-enforced), encrypted,
 * versioned, TLS-only, with lifecycle rules from the definition's retention settings. Readable by
 * this pipeline's CloudFront distribution only (origin access control).
 */
import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule, S3BucketLifecycleConfigurationRuleTransition } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { ResolvedOutput } from "../src/core/resolve";
import { PipelineContext } from "./context";
import { ARCHIVE_PREFIX, RETENTION_TAG, STREAM_ID_VARIABLE, retentionTagValue } from "./archive-layout";

export interface SecureBucketOptions {
  /** Terraform name of the bucket and its companions, e.g. "archive". */
  name: string;
  /** Short word in the bucket name: S3 allows 37 characters of bucket_prefix and var.name_prefix takes up to 28. */
  prefixWord: string;
  purpose: string;
  expireDays?: number;
  transitions?: Array<{ days: number; storageClass: string }>;
  /** Replaces the single whole-bucket rule built from expireDays and transitions. */
  lifecycleRules?: S3BucketLifecycleConfigurationRule[];
  forceDestroyVariable: string;
}

/** Old versions and failed uploads never linger (tag-filtered rules cannot carry the multipart action, so it has a rule of its own where needed). */
const HOUSEKEEPING = { noncurrentVersionExpiration: [{ noncurrentDays: 30 }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] };

/** A private, encrypted, versioned, TLS-only bucket: the secure defaults every bucket of a pipeline gets. */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  private readonly extraStatements: DataAwsIamPolicyDocumentStatement[] = [];

  constructor(scope: Construct, private readonly ctx: PipelineContext, private readonly options: SecureBucketOptions) {
    super(scope, `${options.name}_bucket`);
    const name = options.name;
    this.bucket = new S3Bucket(scope, name, {
      bucketPrefix: `\${var.name_prefix}-${options.prefixWord}-`,
      forceDestroy: ctx.variables.variable(options.forceDestroyVariable, {
        type: "bool",
        description: `Allow terraform destroy to delete the ${options.purpose} bucket with its objects. Keep false in production.`,
        default: false,
      }).booleanValue,
      tags: ctx.tags,
    });
    new S3BucketPublicAccessBlock(scope, `${name}@public_access`, { bucket: this.bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new S3BucketOwnershipControls(scope, `${name}@ownership`, { bucket: this.bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketServerSideEncryptionConfigurationA(scope, `${name}@encryption`, {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
    });
    new S3BucketVersioningA(scope, `${name}@versioning`, { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } });
    const transitions: S3BucketLifecycleConfigurationRuleTransition[] = (options.transitions ?? []).map((t) => ({ days: t.days, storageClass: t.storageClass }));
    new S3BucketLifecycleConfiguration(scope, `${name}@lifecycle`, {
      bucket: this.bucket.id,
      rule: options.lifecycleRules ?? [
        {
          id: "retention",
          status: "Enabled",
          filter: [{ prefix: "" }],
          transition: transitions.length ? transitions : undefined,
          expiration: options.expireDays ? [{ days: options.expireDays }] : undefined,
          ...HOUSEKEEPING,
        },
      ],
    });
  }

  /** Lets one CloudFront distribution read objects through origin access control. */
  allowCloudFront(distributionArn: string): void {
    this.extraStatements.push({
      sid: "AllowThisCloudFrontDistribution",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
      actions: ["s3:GetObject"],
      resources: [`${this.bucket.arn}/*`],
      condition: [{ test: "StringEquals", variable: "aws:SourceArn", values: [distributionArn] }],
    });
  }

  /** Writes the bucket policy: TLS-only for everyone, plus the grants added before. Call once, last. */
  finalizePolicy(): void {
    const doc = new DataAwsIamPolicyDocument(this, `${this.options.name}_bucket_policy`, {
      statement: [
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
        ...this.extraStatements,
      ],
    });
    new S3BucketPolicy(this.node.scope!, `${this.options.name}@policy`, { bucket: this.bucket.id, policy: doc.json });
  }
}

/** Lifecycle transitions of an s3_archive output. GLACIER_IR keeps old recordings playable through CloudFront. */
export function archiveTransitions(o: ResolvedOutput): Array<{ days: number; storageClass: string }> {
  const t: Array<{ days: number; storageClass: string }> = [];
  if (o.transition_to_ia_days) t.push({ days: o.transition_to_ia_days, storageClass: "STANDARD_IA" });
  if (o.transition_to_glacier_days) t.push({ days: o.transition_to_glacier_days, storageClass: "GLACIER_IR" });
  return t;
}

/**
 * Lifecycle of the archive bucket: live recordings expire after the pipeline's retention; a stream
 * kept with `blackwell media archive` is copied under archive/ and tagged with one of the retention
 * choices, each a rule of its own (S3 honours the shortest of overlapping expirations, so recordings
 * and archived streams must not share a rule). "forever" matches no rule.
 */
export function archiveLifecycleRules(o: ResolvedOutput): S3BucketLifecycleConfigurationRule[] {
  const transitionsBefore = (days: number) => archiveTransitions(o).filter((t) => t.days < days);
  const withTransitions = (t: Array<{ days: number; storageClass: string }>) => (t.length ? { transition: t } : {});
  return [
    {
      id: "recordings",
      status: "Enabled",
      filter: [{ prefix: ARCHIVE_PREFIX.recordings }],
      ...withTransitions(transitionsBefore(o.retention_days ?? Infinity)),
      ...(o.retention_days ? { expiration: [{ days: o.retention_days }] } : {}),
      ...HOUSEKEEPING,
    },
    { id: "archived-housekeeping", status: "Enabled", filter: [{ prefix: ARCHIVE_PREFIX.archived }], ...HOUSEKEEPING },
    ...(o.archive_retention_choices_days ?? []).map((days) => ({
      id: `archived-${retentionTagValue(days)}`,
      status: "Enabled",
      filter: [{ and: [{ prefix: ARCHIVE_PREFIX.archived, tags: { [RETENTION_TAG]: retentionTagValue(days) } }] }],
      ...withTransitions(transitionsBefore(days)),
      expiration: [{ days }],
    })),
  ];
}

export class Archive extends Construct {
  readonly store: SecureBucket;

  constructor(scope: Construct, id: string, ctx: PipelineContext, output: ResolvedOutput) {
    super(scope, id);
    this.store = new SecureBucket(this, ctx, {
      name: "archive",
      prefixWord: "archive",
      purpose: "live archive",
      lifecycleRules: archiveLifecycleRules(output),
      forceDestroyVariable: "archive_force_destroy",
    });
  }

  /** MediaLive destination base: every channel start records into a folder of its own, named by the start time. */
  get baseUrl(): string {
    return `s3ssl://${this.store.bucket.bucket}/${ARCHIVE_PREFIX.recordings}${STREAM_ID_VARIABLE}`;
  }
}
