/**
 * The pipeline's CloudWatch dashboard (src/plans/dashboard.ts) in monitoring.tf.json. The body is JSON text whose
 * only Terraform parts are the ${...} references inside string values, so a reviewer reads the widgets as CloudWatch
 * shows them and the bytes do not depend on anything but the plan.
 */
import { Construct } from "constructs";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { dashboardBody, type DashboardPlan, type DashboardValues } from "../src/plans/dashboard";
import { ServiceProps } from "./context";

export interface DashboardProps extends ServiceProps<DashboardPlan> {
  /** Terraform references for the plan's placeholders; a placeholder the plan uses without a value is a generator bug. */
  values: Partial<DashboardValues>;
  /** Where the module's alarms live: every CloudwatchMetricAlarm under it is listed in the alarm widget. */
  alarmsIn: Construct;
}

export class Dashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const { context: ctx, plan } = props;
    const alarms = props.alarmsIn.node
      .findAll()
      .filter((c): c is CloudwatchMetricAlarm => c instanceof CloudwatchMetricAlarm)
      .sort((a, b) => a.friendlyUniqueId.localeCompare(b.friendlyUniqueId));
    const wantsAlarms = plan.widgets.some((w) => w.kind === "alarms");
    if (wantsAlarms !== alarms.length > 0)
      throw new Error(`generator bug: the dashboard plan ${wantsAlarms ? "has" : "has no"} alarm widget but the module declares ${alarms.length} alarms`);
    const values = new Proxy({ region: ctx.region(), ...props.values } as DashboardValues, {
      get(target, ref: string) {
        const v = target[ref as keyof DashboardValues];
        if (v === undefined) throw new Error(`generator bug: the dashboard uses ${ref} but no value was given`);
        return v;
      },
    });
    const body = dashboardBody(
      plan,
      values,
      alarms.map((a) => a.arn),
    );
    this.dashboard = new CloudwatchDashboard(this, "main", {
      dashboardName: ctx.namePrefix,
      // JSON.stringify keeps the plan's key order: the same plan gives the same bytes.
      dashboardBody: JSON.stringify(body),
    });
  }
}
