/**
 * One pipeline's plans, computed once from the resolved pipeline: everything the generators, the
 * cost inventory, the module README and the runtime commands need to agree on.
 */
import { planSlate, type SlatePlan } from "./slate";
import { planClips, type ClipPlan } from "./clips";
import type { ResolvedPipeline } from "../types/resolved-pipeline.generated";
import { ArchivePlan, planArchive } from "./archive";
import { DeliveryPlan, planDelivery } from "./delivery";
import { EventsPlan, liveStatusOn, planEvents } from "./events";
import { LiveEncodingPlan, planLiveEncoding } from "./live-encoding";
import { MonitoringPlan, planMonitoring } from "./monitoring";
import { PackagingPlan, planPackaging } from "./packaging";
import { VodPlan, planVod } from "./vod";
import { AutomationPlan, automationPlan } from "./automation";
import { DashboardPlan, planDashboard } from "./dashboard";
import { FailoverPlan, planFailover } from "./failover";
import { ViewerAnalyticsPlan, planViewerAnalytics } from "./viewer-analytics";
import { IvsPlan, planIvs } from "./ivs";
import { AdInsertionPlan, planAdInsertion } from "./ad-insertion";

/** What the MediaLive role may do besides pushing to its own packaging and archive. */
export interface LiveAccessPlan {
  /** s3://bucket/key of MP4 file sources in S3, as "bucket/key" (the role may read them). */
  readObjects: string[];
  mediaconnectFlowArns: string[];
  /**
   * SRT caller sources that decrypt: the channel role may read each passphrase secret (secretsmanager:GetSecretValue on
   * exactly that secret) and, when it is encrypted with a customer managed key, decrypt with that key through Secrets Manager.
   * secretArn/kmsKeyArn are the definition's values (defaults of the module variables); absent, the module asks for the ARN.
   */
  srtPassphrases: Array<{ sourceId: string; secretArn?: string; kmsKeyArn?: string }>;
  /** The channel writes logs (log level other than DISABLED). */
  writesLogs: boolean;
}

export interface PipelinePlan {
  pipelineId: string;
  title: string;
  region: string;
  access: ResolvedPipeline["access"];
  /** The pipeline's own tags on every resource (the caller's var.tags are merged over them). */
  tags: Record<string, string>;
  /** Default of var.name_prefix. */
  defaultNamePrefix: string;
  live?: LiveEncodingPlan;
  liveAccess?: LiveAccessPlan;
  packaging?: PackagingPlan;
  archive?: ArchivePlan;
  vod?: VodPlan;
  delivery?: DeliveryPlan;
  monitoring?: MonitoringPlan;
  /** The operator's CloudWatch dashboard (monitoring.tf.json); absent when there is neither a channel nor a CDN. */
  dashboard?: DashboardPlan;
  /** CloudFront standard logging v2, the Glue table and the Athena named queries (analytics.tf.json); off by default. */
  viewerAnalytics?: ViewerAnalyticsPlan;
  events: EventsPlan;
  /** Idle stop, schedules, budget and archive tiering (automation.tf.json); absent without an automation section. */
  automation?: AutomationPlan;
  /** A redundant origin (channel + MediaPackage v2) in a second region; absent without failover_region. */
  failover?: FailoverPlan;
  /** The slate image shipped for `stream slate on` (slate.tf.json); absent without a slate section. */
  slate?: SlatePlan;
  /** Clip-to-VOD: MediaPackage v2 may write harvested clips into the archive bucket; absent without a clips section. */
  clips?: ClipPlan;
  /** Server-side ad insertion: a MediaTailor playback configuration over the packaging, served through the CDN; absent without ad_insertion. */
  adInsertion?: AdInsertionPlan;
  /** backend ivs: one Amazon IVS channel instead of MediaLive, MediaPackage and CloudFront (no other service plan then). */
  ivs?: IvsPlan;
}

/** Identity and tags shared by every backend's plan. */
function pipelineIdentity(p: ResolvedPipeline): Pick<PipelinePlan, "pipelineId" | "title" | "region" | "access" | "tags" | "defaultNamePrefix"> {
  return {
    pipelineId: p.pipeline_id,
    title: p.title,
    region: p.region,
    access: p.access,
    // Pipeline, Client, Creator and Template are the cost-allocation tags (README: activate them in the Billing console).
    tags: { Pipeline: p.pipeline_id, ManagedBy: "blackwell-media-factory", ...(p.client_id ? { Client: p.client_id } : {}), ...p.tags },
    defaultNamePrefix: p.pipeline_id.replace(/_/g, "-"),
  };
}

export function planPipeline(p: ResolvedPipeline): PipelinePlan {
  const ivs = planIvs(p);
  // The IVS rules refuse every section another service would implement, so the IVS channel is the whole module.
  if (ivs)
    return {
      ...pipelineIdentity(p),
      ivs,
      events: planEvents({ live: undefined, vod: undefined, archive: false, playbackUrl: false, events: undefined, title: p.title, cdn: false }),
    };
  const live = planLiveEncoding(p);
  const packaging = planPackaging(p);
  const archive = planArchive(p, live);
  const vod = planVod(p);
  const liveStatus = liveStatusOn({ live, cdn: p.outputs.some((o) => o.kind === "cdn"), events: p.events });
  const adInsertion = planAdInsertion(p, packaging);
  const delivery = planDelivery(p, { packaging, archive, vodSegmentSeconds: vod?.segmentSeconds, liveStatus, failover: !!p.failover_region, adInsertion });
  const monitoring = planMonitoring(p, live);
  const automation = automationPlan(p);
  const failover = planFailover(p, { live, packaging });
  const dashboard = planDashboard({
    title: p.title,
    pipelineId: p.pipeline_id,
    live,
    mediapackage: !!packaging,
    cloudfront: !!delivery,
    // Every alarm the module declares: the tier's channel alarms, idle stop's and the event dead-letter queue's.
    alarms: !!monitoring?.alarms.length || !!automation?.idleStop || (p.events?.targets?.length ?? 0) > 0,
    ...(failover ? { failover: { region: failover.region, primaryRegion: p.region, live: failover.live } } : {}),
  });
  const viewerAnalytics = planViewerAnalytics(p, delivery, packaging?.timings.segmentSeconds ?? vod?.segmentSeconds ?? 6);
  const slate = planSlate(p);
  const clips = planClips(p);
  return {
    ...pipelineIdentity(p),
    ...(live
      ? {
          live,
          liveAccess: {
            readObjects: p.sources.filter((s) => s.kind === "mp4_file" && s.url?.startsWith("s3")).map((s) => s.url!.replace(/^s3(ssl)?:\/\//, "")),
            mediaconnectFlowArns: p.sources.flatMap((s) => s.flow_arns ?? []),
            srtPassphrases: p.sources.flatMap((s) =>
              s.kind === "srt" && s.srt?.decryption
                ? [
                    {
                      sourceId: s.id,
                      ...(s.srt.decryption.passphrase_secret_arn ? { secretArn: s.srt.decryption.passphrase_secret_arn } : {}),
                      ...(s.srt.decryption.kms_key_arn ? { kmsKeyArn: s.srt.decryption.kms_key_arn } : {}),
                    },
                  ]
                : [],
            ),
            writesLogs: p.tier_settings.log_level !== "DISABLED",
          },
        }
      : {}),
    ...(packaging ? { packaging } : {}),
    ...(archive ? { archive } : {}),
    ...(vod ? { vod } : {}),
    ...(delivery ? { delivery } : {}),
    ...(monitoring ? { monitoring } : {}),
    ...(dashboard ? { dashboard } : {}),
    ...(viewerAnalytics ? { viewerAnalytics } : {}),
    events: planEvents({
      live,
      vod,
      archive: !!archive,
      playbackUrl: !!(delivery && packaging?.endpoints.length),
      events: p.events,
      title: p.title,
      cdn: !!delivery,
    }),
    ...(automation ? { automation } : {}),
    ...(failover ? { failover } : {}),
    ...(slate ? { slate } : {}),
    ...(clips ? { clips } : {}),
    ...(adInsertion && delivery ? { adInsertion } : {}),
  };
}
