/**
 * The module of a creator template's fleet dashboard (src/plans/fleet-dashboard.ts): one aws_cloudwatch_dashboard with
 * a row per creator, fed by each creator module's outputs (channel_id, cloudfront_distribution_id) through the
 * `creators` input. The body is JSON text whose only Terraform parts are ${local.creator_<id>.<output>} references
 * (a body reference cannot hold the quotes of var.creators["<id>"], and a creator id may start with a digit), so
 * CW-DASHBOARD-METRICS reads it as CloudWatch will.
 */
import { Construct } from "constructs";
import { TerraformLocal, TerraformOutput } from "cdktf";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { dashboardBody, type DashboardPlan, type DashboardRef } from "../src/plans/dashboard";
import type { FleetCreator } from "../src/plans/fleet-dashboard";
import { ModuleVariables, NAME_PREFIX_VALIDATION } from "./context";

export interface FleetDashboardSpec {
  templateId: string;
  /** <template_id>-fleet */
  moduleId: string;
  creators: FleetCreator[];
}

export interface FleetDashboardProps {
  spec: FleetDashboardSpec;
  plan: DashboardPlan;
}

/** The creator module output each ref is read from. */
const OUTPUT_OF: Partial<Record<DashboardRef, "channel_id" | "distribution_id">> = { channel_id: "channel_id", distribution_id: "distribution_id" };

export class FleetDashboard extends Construct {
  constructor(scope: Construct, id: string, props: FleetDashboardProps) {
    super(scope, id);
    const { spec, plan } = props;
    const variables = new ModuleVariables(this, "variables");
    const ids = spec.creators.map((c) => c.id);
    variables.variable("name_prefix", {
      type: "string",
      description: "Name of the CloudWatch dashboard.",
      default: spec.moduleId.replace(/_/g, "-").slice(0, 28),
      validation: NAME_PREFIX_VALIDATION,
    });
    variables.variable("creators", {
      type: "map(object({ channel_id = optional(string), distribution_id = optional(string) }))",
      description: `Per creator of template ${spec.templateId} (${ids.join(", ")}): channel_id and distribution_id, the outputs channel_id and cloudfront_distribution_id of its module.`,
      validation: [
        {
          condition: `\${length(setsubtract(${JSON.stringify(ids)}, keys(var.creators))) == 0}`,
          errorMessage: `creators needs an entry for each creator of template ${spec.templateId}: ${ids.join(", ")}.`,
        },
      ],
    });
    const monitoring = new Construct(this, "monitoring");
    // local.creator_<id> (hyphens made underscores; two ids that then meet, a-b and a_b, keep apart by position).
    const names = new Set<string>();
    const localName = (id: string, i: number) => {
      const name = `creator_${id.replace(/-/g, "_")}`;
      const unique = names.has(name) ? `${name}_${i}` : name;
      names.add(unique);
      return unique;
    };
    const locals = new Map(spec.creators.map((c, i) => [c.id, new TerraformLocal(monitoring, localName(c.id, i), `\${var.creators["${c.id}"]}`)]));
    const regionOf = new Map(spec.creators.map((c) => [c.id, c.region]));
    const body = dashboardBody(
      plan,
      (ref, creator) => {
        if (!creator) throw new Error(`generator bug: the fleet dashboard uses ${ref} outside a creator's row`);
        if (ref === "region") return regionOf.get(creator)!;
        const output = OUTPUT_OF[ref];
        if (!output) throw new Error(`generator bug: the fleet dashboard uses ${ref}, which no creator output gives`);
        return `\${local.${locals.get(creator)!.friendlyUniqueId}.${output}}`;
      },
      [],
    );
    const dashboard = new CloudwatchDashboard(monitoring, "fleet", {
      dashboardName: "${var.name_prefix}",
      // JSON.stringify keeps the plan's key order: the same plan gives the same bytes.
      dashboardBody: JSON.stringify(body),
    });
    const outputs = new Construct(this, "outputs");
    new TerraformOutput(outputs, "dashboard_name", { value: dashboard.dashboardName, description: "Name of the fleet's CloudWatch dashboard." });
  }
}
