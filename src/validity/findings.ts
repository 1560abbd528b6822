/** A finding of a validity rule: where in which module file, and what AWS's own specification says. */
export interface Finding {
  rule: string;
  file: string;
  /** Path inside the file, e.g. resource.aws_medialive_channel.main.encoder_settings.video_descriptions[0].codec_settings */
  path: string;
  message: string;
}

/** Values Terraform computes at plan/apply time cannot be checked statically. */
export function isInterpolated(value: unknown): boolean {
  return typeof value === "string" && /\$\{/.test(value);
}
