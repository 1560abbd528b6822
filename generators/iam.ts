/**
 * The MediaLive channel role: trusted by MediaLive only, allowed exactly what this pipeline uses
 * (its MediaPackage channel, its archive prefix, its MediaConnect flows, its source files, its SRT
 * passphrase secrets, its log group). No `*` actions.
 */
import { Construct } from "constructs";
import { Fn } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { LiveAccessPlan } from "../src/plans/pipeline-plan";
import { PipelineContext, ServiceProps } from "./context";
import { srtPassphraseKmsKeyArn, srtPassphraseSecretArn } from "./medialive-srt-input";

/** The account field of an ARN. Read from a resource the module creates: no STS call, so offline plans work. */
export function accountOf(arn: string): string {
  return Fn.element(Fn.split(":", arn), 4);
}

/**
 * Trust policy of a service role. With `source` (services whose confused-deputy guidance names the keys: MediaConvert
 * the queue, Step Functions the state machine, EventBridge the rule) the service may assume the role only on behalf
 * of that resource (aws:SourceArn) in that account (aws:SourceAccount). MediaLive documents no such keys, so its
 * channel role has none (a condition the service does not send would lock it out).
 */
export function serviceTrustPolicy(scope: Construct, id: string, service: string, source?: { arn: string; account: string }): DataAwsIamPolicyDocument {
  const statement: DataAwsIamPolicyDocumentStatement = {
    effect: "Allow",
    actions: ["sts:AssumeRole"],
    principals: [{ type: "Service", identifiers: [service] }],
    condition: source
      ? [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [source.account] },
          { test: "ArnLike", variable: "aws:SourceArn", values: [source.arn] },
        ]
      : undefined,
  };
  return new DataAwsIamPolicyDocument(scope, id, { statement: [statement] });
}

export interface MediaLiveRoleProps extends ServiceProps<LiveAccessPlan> {
  /** Shown in the role's description. */
  pipelineId: string;
}

/** What the role may reach in the pipeline's other constructs, known once they exist. */
export interface MediaLiveRoleGrants {
  mediapackageChannelArn?: string;
  /** The archive bucket and the prefix the channel records under. */
  archive?: { bucketArn: string; recordingsPrefix: string };
  /** The failover region's channel uses this role too: its MediaPackage channel, and its region's channel logs. */
  failover?: { mediapackageChannelArn: string; region: string };
  /** The slate image (s3 object ARN) the static image actions show. */
  slateObjectArn?: string;
}

export class MediaLiveRole extends Construct {
  readonly role: IamRole;
  private readonly ctx: PipelineContext;
  private readonly plan: LiveAccessPlan;

  constructor(scope: Construct, id: string, props: MediaLiveRoleProps) {
    super(scope, id);
    this.ctx = props.context;
    this.plan = props.plan;
    const trust = new DataAwsIamPolicyDocument(this, "medialive_trust", {
      statement: [
        {
          sid: "MediaLiveAssumesRole",
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["medialive.amazonaws.com"] }],
        },
      ],
    });
    this.role = new IamRole(this, "medialive", {
      // IAM allows 38 characters in name_prefix; var.name_prefix takes up to 28.
      namePrefix: `\${var.name_prefix}-live-`,
      description: `MediaLive channel role for pipeline ${props.pipelineId}`,
      assumeRolePolicy: trust.json,
      tags: this.ctx.tags,
    });
  }

  grant(grants: MediaLiveRoleGrants): IamRolePolicy {
    const statements: DataAwsIamPolicyDocumentStatement[] = [];
    if (grants.mediapackageChannelArn)
      statements.push({
        sid: "PushToMediaPackage",
        effect: "Allow",
        actions: ["mediapackagev2:PutObject"],
        resources: [grants.mediapackageChannelArn, ...(grants.failover ? [grants.failover.mediapackageChannelArn] : [])],
      });
    if (grants.archive) {
      statements.push({ sid: "ListArchive", effect: "Allow", actions: ["s3:ListBucket"], resources: [grants.archive.bucketArn] });
      statements.push({
        sid: "WriteArchive",
        effect: "Allow",
        actions: ["s3:PutObject", "s3:GetObject"],
        resources: [`${grants.archive.bucketArn}/${grants.archive.recordingsPrefix}*`],
      });
    }
    if (grants.slateObjectArn) statements.push({ sid: "ReadSlate", effect: "Allow", actions: ["s3:GetObject"], resources: [grants.slateObjectArn] });
    if (this.plan.readObjects.length)
      statements.push({
        sid: "ReadSourceFiles",
        effect: "Allow",
        actions: ["s3:GetObject"],
        resources: this.plan.readObjects.map((o) => `arn:${this.ctx.partition()}:s3:::${o}`),
      });
    if (this.plan.mediaconnectFlowArns.length) {
      statements.push({
        sid: "UseMediaConnectFlows",
        effect: "Allow",
        actions: ["mediaconnect:ManagedDescribeFlow", "mediaconnect:ManagedAddOutput", "mediaconnect:ManagedRemoveOutput"],
        resources: this.plan.mediaconnectFlowArns,
      });
    }
    if (this.plan.srtPassphrases.length) {
      // MediaLive reads an SRT passphrase from Secrets Manager with the channel role when the channel runs: exactly those secrets.
      statements.push({
        sid: "ReadSrtPassphrases",
        effect: "Allow",
        actions: ["secretsmanager:GetSecretValue"],
        resources: this.plan.srtPassphrases.map((p) => srtPassphraseSecretArn(this.ctx, p.sourceId, p.secretArn)),
      });
      const keys = this.plan.srtPassphrases.flatMap((p) => (p.kmsKeyArn ? [srtPassphraseKmsKeyArn(this.ctx, p.sourceId, p.kmsKeyArn)] : []));
      if (keys.length)
        statements.push({
          sid: "DecryptSrtPassphrases",
          effect: "Allow",
          actions: ["kms:Decrypt"],
          resources: keys,
          condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`secretsmanager.${this.ctx.region()}.amazonaws.com`] }],
        });
    }
    if (this.plan.writesLogs)
      statements.push({
        sid: "WriteChannelLogs",
        effect: "Allow",
        actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        resources: [this.ctx.region(), ...(grants.failover ? [grants.failover.region] : [])].map(
          (region) => `arn:${this.ctx.partition()}:logs:${region}:*:log-group:ElementalMediaLive:*`,
        ),
      });
    const policy = new DataAwsIamPolicyDocument(this, "medialive_permissions", { statement: statements });
    return new IamRolePolicy(this, "medialive@policy", { namePrefix: "pipeline-", role: this.role.id, policy: policy.json });
  }
}
