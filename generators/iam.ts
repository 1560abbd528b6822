/**
 * The MediaLive channel role: trusted by MediaLive only, allowed exactly what this pipeline uses
 * (its MediaPackage channel, its archive prefix, its MediaConnect flows, its log group). No `*` actions.
 */
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { PipelineContext } from "./context";

export interface MediaLiveRoleGrants {
  mediapackageChannelArn?: string;
  archiveBucketArn?: string;
  mediaconnectFlowArns?: string[];
  readObjectArns?: string[];
}

export class MediaLiveRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, private readonly ctx: PipelineContext) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, "medialive_trust", {
      statement: [{ sid: "MediaLiveAssumesRole", effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["medialive.amazonaws.com"] }] }],
    });
    this.role = new IamRole(this, "medialive", {
      // IAM allows 38 characters in name_prefix; var.name_prefix takes up to 28.
      namePrefix: `\${var.name_prefix}-live-`,
      description: `MediaLive channel role for pipeline ${ctx.pipeline.pipeline_id}`,
      assumeRolePolicy: trust.json,
      tags: ctx.tags,
    });
  }

  grant(grants: MediaLiveRoleGrants): IamRolePolicy {
    const statements: DataAwsIamPolicyDocumentStatement[] = [];
    if (grants.mediapackageChannelArn)
      statements.push({ sid: "PushToMediaPackage", effect: "Allow", actions: ["mediapackagev2:PutObject"], resources: [grants.mediapackageChannelArn] });
    if (grants.archiveBucketArn) {
      statements.push({ sid: "ListArchive", effect: "Allow", actions: ["s3:ListBucket"], resources: [grants.archiveBucketArn] });
      statements.push({ sid: "WriteArchive", effect: "Allow", actions: ["s3:PutObject", "s3:GetObject"], resources: [`${grants.archiveBucketArn}/recordings/*`] });
    }
    if (grants.readObjectArns?.length)
      statements.push({ sid: "ReadSourceFiles", effect: "Allow", actions: ["s3:GetObject"], resources: grants.readObjectArns });
    if (grants.mediaconnectFlowArns?.length) {
      statements.push({ sid: "UseMediaConnectFlows", effect: "Allow", actions: ["mediaconnect:ManagedDescribeFlow", "mediaconnect:ManagedAddOutput", "mediaconnect:ManagedRemoveOutput"], resources: grants.mediaconnectFlowArns });
    }
    if (this.ctx.pipeline.tier_settings.log_level !== "DISABLED")
      statements.push({
        sid: "WriteChannelLogs",
        effect: "Allow",
        actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        resources: [`arn:${this.ctx.partition}:logs:${this.ctx.region}:*:log-group:ElementalMediaLive:*`],
      });
    const policy = new DataAwsIamPolicyDocument(this, "medialive_permissions", { statement: statements });
    return new IamRolePolicy(this, "medialive@policy", { namePrefix: "pipeline-", role: this.role.id, policy: policy.json });
  }
}
