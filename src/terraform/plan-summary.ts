/** Summarizes `terraform show -json` of a plan: what is added, changed, replaced and destroyed, by service. */
import type { Json } from "../types/json";

export const SERVICE_OF_TYPE: Array<[RegExp, string]> = [
  [/^aws_medialive_/, "MediaLive"],
  [/^(awscc_mediapackagev2_|aws_media_packagev2_|aws_media_package_)/, "MediaPackage"],
  [/^(aws_media_convert_|awscc_mediaconvert_)/, "MediaConvert"],
  [/^aws_cloudfront_/, "CloudFront"],
  [/^aws_s3_/, "S3"],
  [/^aws_iam_/, "IAM"],
  [/^aws_cloudwatch_event_/, "EventBridge"],
  [/^aws_cloudwatch_metric_alarm/, "CloudWatch"],
  [/^aws_sfn_/, "Step Functions"],
  [/^aws_secretsmanager_/, "Secrets Manager"],
];

export function serviceOf(type: string): string {
  return SERVICE_OF_TYPE.find(([re]) => re.test(type))?.[1] ?? "Other";
}

export interface Counts {
  add: number;
  change: number;
  replace: number;
  destroy: number;
}

export interface PlanSummary {
  total: Counts;
  byService: Record<string, Counts>;
}

const zero = (): Counts => ({ add: 0, change: 0, replace: 0, destroy: 0 });

export function summarizePlan(plan: Json): PlanSummary {
  const total = zero();
  const byService: Record<string, Counts> = {};
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== "managed") continue;
    const actions: string[] = rc.change?.actions ?? [];
    const kind: keyof Counts | undefined =
      actions.includes("create") && actions.includes("delete")
        ? "replace"
        : actions.includes("create")
          ? "add"
          : actions.includes("update")
            ? "change"
            : actions.includes("delete")
              ? "destroy"
              : undefined;
    if (!kind) continue;
    const s = (byService[serviceOf(rc.type)] ??= zero());
    s[kind]++;
    total[kind]++;
  }
  return { total, byService };
}

export function formatSummary(s: PlanSummary): string {
  const t = s.total;
  const lines = [`Plan: ${t.add} to add, ${t.change} to change, ${t.replace} to replace, ${t.destroy} to destroy.`];
  for (const [service, c] of Object.entries(s.byService).sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`  ${service.padEnd(16)} +${c.add} ~${c.change} ±${c.replace} -${c.destroy}`);
  return lines.join("\n") + "\n";
}
