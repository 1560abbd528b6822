/**
 * MediaLive writes channel logs to one log group per account and region, named ElementalMediaLive, and creates it
 * without a retention (kept forever) when it is missing. The module creates it with a retention instead; as every
 * channel of the account and region shares it, a variable lets all but one module leave it alone.
 */
import { Construct } from "constructs";
import { Token } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { ModuleVariables } from "./context";

/** The name MediaLive logs to (MediaLive User Guide, channel logs in CloudWatch Logs); the role's log permissions name it. */
export const MEDIALIVE_LOG_GROUP = "ElementalMediaLive";

/** Retentions CloudWatch Logs accepts (PutRetentionPolicy). */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export function medialiveLogGroup(scope: Construct, variables: ModuleVariables, tags: { [key: string]: string }, manageByDefault: boolean): CloudwatchLogGroup {
  const manage = variables.variable("manage_medialive_log_group", {
    type: "bool",
    description: `Create the ${MEDIALIVE_LOG_GROUP} log group (one per account and region, shared by every MediaLive channel) with medialive_log_retention_days. Let one module per account and region manage it: set false in the others (or import an existing group).`,
    default: manageByDefault,
  });
  const retention = variables.variable("medialive_log_retention_days", {
    type: "number",
    description: `Days CloudWatch Logs keeps MediaLive channel logs (${MEDIALIVE_LOG_GROUP}); MediaLive itself would create the group without expiry.`,
    default: 30,
    validation: [
      {
        condition: `\${contains(${JSON.stringify(LOG_RETENTION_DAYS)}, var.medialive_log_retention_days)}`,
        errorMessage: `medialive_log_retention_days must be one of ${LOG_RETENTION_DAYS.join(", ")}.`,
      },
    ],
  });
  void manage;
  return new CloudwatchLogGroup(scope, "medialive", {
    name: MEDIALIVE_LOG_GROUP,
    retentionInDays: retention.numberValue,
    tags,
    count: Token.asNumber("${var.manage_medialive_log_group ? 1 : 0}"),
  });
}
