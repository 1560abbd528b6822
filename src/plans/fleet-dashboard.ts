/**
 * The fleet dashboard of a creator template: one CloudWatch dashboard with a row per creator, so an operator sees every
 * creator's channel input and output health and CloudFront viewer traffic side by side. The metrics, dimensions and
 * layout come from the pipeline dashboard's pieces (dashboard.ts); each creator's widgets are scoped to the creator, whose
 * channel and distribution ids the generator fills in from the creator modules' outputs.
 */
import { DASHBOARD_PERIOD_SECONDS, DashboardPlan, DashboardWidget, cloudfrontMetric, medialiveMetric, outputErrorMetrics, refToken, row } from "./dashboard";
import type { LiveEncodingPlan } from "./live-encoding";

export interface FleetCreator {
  /** The creator id (the template's creators list; the module is <template_id>-<id>). */
  id: string;
  title: string;
  /** Region of the creator's channel: its MediaLive metrics are read there. */
  region: string;
  live?: Pick<LiveEncodingPlan, "pipelines" | "outputGroups">;
  cloudfront: boolean;
}

export interface FleetDashboardInputs {
  templateId: string;
  creators: FleetCreator[];
}

const GRID = 24;
const HEIGHT = 6;

/** Undefined when no creator has a channel or a CDN to watch. */
export function planFleetDashboard(f: FleetDashboardInputs): DashboardPlan | undefined {
  const watched = f.creators.filter((c) => c.live || c.cloudfront);
  if (!watched.length) return undefined;
  const widgets: DashboardWidget[] = [];
  let y = 0;
  const header = (markdown: string) => {
    widgets.push({ kind: "text", x: 0, y, width: GRID, height: 1, markdown });
    y += 1;
  };
  header(`# Fleet of template ${f.templateId}: ${watched.length} creator${watched.length > 1 ? "s" : ""}`);
  for (const c of watched) {
    header(`## ${c.title} (${c.id})`);
    const scope = c.id;
    const cells: Array<Omit<Extract<DashboardWidget, { kind: "metric" }>, "kind" | "x" | "y" | "width" | "height">> = [];
    if (c.live) {
      const channel = refToken("channel_id", scope);
      const pipelines = c.live.pipelines;
      const groups = c.live.outputGroups.map((g) => g.name);
      const p = (n: number) => (pipelines.length > 1 ? `pipeline ${n} ` : "");
      cells.push(
        {
          title: `${c.id}: input video frame rate`,
          region: "pipeline",
          scope,
          metrics: pipelines.map((n) => medialiveMetric(channel, n, "InputVideoFrameRate", "Average", `${p(n)}frames/s`)),
        },
        {
          title: `${c.id}: output errors`,
          region: "pipeline",
          scope,
          metrics: pipelines.flatMap((n) => outputErrorMetrics(channel, groups, n, p(n))),
        },
      );
    }
    if (c.cloudfront) {
      const distribution = refToken("distribution_id", scope);
      cells.push(
        { title: `${c.id}: viewer requests`, region: "us-east-1", scope, metrics: [cloudfrontMetric(distribution, "Requests", "Sum", "requests")] },
        { title: `${c.id}: bytes downloaded`, region: "us-east-1", scope, metrics: [cloudfrontMetric(distribution, "BytesDownloaded", "Sum", "bytes")] },
      );
    }
    widgets.push(...row(y, cells));
    y += HEIGHT;
  }
  return { widgets, periodSeconds: DASHBOARD_PERIOD_SECONDS };
}
