/**
 * The S3 archive of the live stream: private (public access blocked, bucket-owner-enforced), encrypted,
 * versioned, TLS-only, with lifecycle rules from the definition's retention settings. Readable by
 * this pipeline's CloudFront distribution only (origin access control).
 */
import { Construct } from "constructs";
import { Lazy } from "cdktf";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
  dataAwsIamPolicyDocumentStatementToTerraform,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { STREAM_ID_VARIABLE } from "../src/plans/archive-layout";
import type { ArchivePlan, LifecycleRule } from "../src/plans/archive";
import { PipelineContext, ServiceProps } from "./context";
import { s3Bucket, type S3BucketResource } from "./shaped-bindings";

export interface SecureBucketProps {
  readonly context: PipelineContext;
  /** Terraform name of the bucket and its companions, e.g. "archive". */
  name: string;
  /** Short word in the bucket name: S3 allows 37 characters of bucket_prefix and var.name_prefix takes up to 28. */
  prefixWord: string;
  purpose: string;
  /** The bucket's lifecycle rules (src/plans: archiveLifecycleRules, retentionRule). */
  lifecycleRules: LifecycleRule[];
  forceDestroyVariable: string;
}

/**
 * A private, encrypted, versioned, TLS-only bucket: the secure defaults every bucket of a pipeline gets.
 * Its policy is rendered lazily from the statements added to it (addToResourcePolicy), after the
 * TLS-only statement, so grants can be added in any order and the TLS deny is always there.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3BucketResource;
  private readonly statements: DataAwsIamPolicyDocumentStatement[] = [];

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const { context: ctx, name } = props;
    // The bucket and its companions are declared in the service's scope, so they land in its file.
    const service = scope;
    this.bucket = s3Bucket(service, name, {
      bucketPrefix: `\${var.name_prefix}-${props.prefixWord}-`,
      forceDestroy: ctx.variables.variable(props.forceDestroyVariable, {
        type: "bool",
        description: `Allow terraform destroy to delete the ${props.purpose} bucket with its objects. Keep false in production.`,
        default: false,
      }).booleanValue,
      tags: ctx.tags,
    });
    new S3BucketPublicAccessBlock(service, `${name}@public_access`, {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(service, `${name}@ownership`, { bucket: this.bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketServerSideEncryptionConfigurationA(service, `${name}@encryption`, {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
    });
    new S3BucketVersioningA(service, `${name}@versioning`, { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } });
    new S3BucketLifecycleConfiguration(service, `${name}@lifecycle`, { bucket: this.bucket.id, rule: props.lifecycleRules });

    this.addToResourcePolicy({
      sid: "DenyInsecureTransport",
      effect: "Deny",
      principals: [{ type: "*", identifiers: ["*"] }],
      actions: ["s3:*"],
      resources: [this.bucket.arn, `${this.bucket.arn}/*`],
      condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
    });
    const doc = new DataAwsIamPolicyDocument(this, `${name}_bucket_policy`, {
      statement: Lazy.anyValue({ produce: () => this.statements.map(dataAwsIamPolicyDocumentStatementToTerraform) }),
    });
    new S3BucketPolicy(service, `${name}@policy`, { bucket: this.bucket.id, policy: doc.json });
  }

  /** Adds a statement to the bucket policy (rendered when the module is synthesized). */
  addToResourcePolicy(statement: DataAwsIamPolicyDocumentStatement): void {
    this.statements.push(statement);
  }

  /** Lets one CloudFront distribution read objects through origin access control. */
  allowCloudFront(distributionArn: string): void {
    this.addToResourcePolicy({
      sid: "AllowThisCloudFrontDistribution",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
      actions: ["s3:GetObject"],
      resources: [`${this.bucket.arn}/*`],
      condition: [{ test: "StringEquals", variable: "aws:SourceArn", values: [distributionArn] }],
    });
  }
}

export type ArchiveProps = ServiceProps<ArchivePlan>;

/** The S3 archive of the live stream (the SecureBucket defaults), with the plan's lifecycle rules. */
export class Archive extends Construct {
  readonly store: SecureBucket;
  private readonly plan: ArchivePlan;

  constructor(scope: Construct, id: string, props: ArchiveProps) {
    super(scope, id);
    this.plan = props.plan;
    this.store = new SecureBucket(this, "archive_bucket", {
      context: props.context,
      name: "archive",
      prefixWord: "archive",
      purpose: "live archive",
      lifecycleRules: props.plan.lifecycleRules,
      forceDestroyVariable: "archive_force_destroy",
    });
  }

  /** MediaLive destination base: every channel start records into a folder of its own, named by the start time. */
  baseUrl(): string {
    return `s3ssl://${this.store.bucket.bucket}/${this.plan.prefixes.recordings}${STREAM_ID_VARIABLE}`;
  }
}
