/** awscc_mediaconvert_job_template (CloudFormation AWS::MediaConvert::JobTemplate); hashicorp/aws has queues only. */
import { Construct } from "constructs";
import type { IResolvable } from "cdktf";
import { AwsccResource } from "./awscc-resource";

export interface MediaConvertJobTemplateProps {
  name: string;
  description?: string;
  category?: string;
  queue?: string;
  /** Job settings (MediaConvert API shape, PascalCase) as a JSON string. */
  settingsJson: string;
  statusUpdateInterval?: "SECONDS_10" | "SECONDS_60";
  accelerationSettings?: { mode: "DISABLED" | "ENABLED" | "PREFERRED" };
  tags?: IResolvable | Record<string, string>;
}

export class MediaConvertJobTemplate extends AwsccResource<MediaConvertJobTemplateProps> {
  constructor(scope: Construct, id: string, props: MediaConvertJobTemplateProps) {
    super(scope, id, "awscc_mediaconvert_job_template", props);
  }
  get arn(): string {
    return this.getStringAttribute("arn");
  }
  get templateName(): string {
    return this.getStringAttribute("name");
  }
}
