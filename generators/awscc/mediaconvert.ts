/**
 * awscc_mediaconvert_job_template and awscc_mediaconvert_preset (CloudFormation AWS::MediaConvert::JobTemplate
 * and ::Preset); hashicorp/aws has queues only.
 */
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

export interface MediaConvertPresetProps {
  name: string;
  description?: string;
  category?: string;
  /** Preset settings (MediaConvert API PresetSettings, PascalCase) as a JSON string. */
  settingsJson: string;
  tags?: IResolvable | Record<string, string>;
}

export class MediaConvertPreset extends AwsccResource<MediaConvertPresetProps> {
  constructor(scope: Construct, id: string, props: MediaConvertPresetProps) {
    super(scope, id, "awscc_mediaconvert_preset", props);
  }
  get presetName(): string {
    return this.getStringAttribute("name");
  }
}
