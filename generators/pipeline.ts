/**
 * Composes one pipeline's service constructs. Each service is a direct child scope of the stack
 * whose id names the module file it lands in (medialive.tf.json, cloudfront.tf.json, ...).
 */
import { Construct } from "constructs";
import { Fn, TerraformOutput } from "cdktf";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import type { ResolvedPipeline } from "../src/core/resolve";
import { PipelineContext } from "./context";
import { MediaLive } from "./medialive";
import { MediaLiveRole } from "./iam";
import { MediaPackage } from "./mediapackage";
import { Archive, SecureBucket } from "./archive";
import { ARCHIVE_PREFIX } from "./archive-layout";
import { Cdn } from "./cloudfront";
import { Monitoring } from "./monitoring";
import { PipelineEvents } from "./events";
import { EventEnrichment, LIVE_STATUS, initialLiveStatus, staticEventDetail, streamStateMapping, transcodeStateMapping } from "../src/plans/events";
import { EventDelivery } from "./event-delivery";
import { MediaConvert, VodStorage, WatchFolder } from "./vod";

/** Content computed outside the generators (by core) that the module carries as outputs. */
export interface ModuleExtras {
  /** Player HTML with Terraform interpolations for the playback URL, from src/embed. */
  playerSnippet?: (expressions: { playbackUrl: string; playbackOrigin: string }) => string;
}

export class PipelineConstruct {
  readonly ctx: PipelineContext;
  private readonly outputsScope: Construct;

  constructor(readonly stack: Construct, readonly pipeline: ResolvedPipeline, private readonly extras: ModuleExtras = {}) {
    this.ctx = new PipelineContext(stack, pipeline);
    this.outputsScope = new Construct(stack, "outputs");
    if (pipeline.live) this.buildLive();
    else this.buildVodOnly();
  }

  private events?: PipelineEvents;
  private sharedEvents(): PipelineEvents {
    this.events ??= new PipelineEvents(this.stack, "events", this.ctx);
    return this.events;
  }

  /** With an events section, every event carries the client id (and stream events the title and playback URLs). */
  private enrichment(playbackUrls?: Record<string, string>): EventEnrichment | undefined {
    const e = this.pipeline.events;
    return e ? { clientId: e.client_id, title: this.pipeline.title, playbackUrls } : undefined;
  }

  /** The events section's delivery targets (another bus, webhooks), once the pipeline bus exists. */
  private deliverEvents(): void {
    const targets = this.pipeline.events?.targets ?? [];
    if (!targets.length) return;
    const bus = this.sharedEvents().bus;
    const delivery = new EventDelivery(this.stack, "event_delivery", this.ctx, { name: bus.name, arn: bus.arn }, targets);
    this.output("events_dead_letter_queue_url", delivery.deadLetterQueue.url, "SQS queue holding pipeline events EventBridge could not deliver (encrypted; alarmed).");
    const roles = delivery.delivered.map((d) => [d.target.name, d.roleArn]);
    this.output("event_delivery_role_arns", Object.fromEntries(roles), "Role each delivery target is called with, by target name (a bus in another account must allow it; see README).");
  }

  /** MediaConvert, its buckets and the watch folder; CloudFront serves the renditions under /vod/. */
  /** `archivedStreams`: objects MediaConvert may also read (a hybrid pipeline's archived streams, for `archive --transcode`). */
  private buildVod(archivedStreams?: string): { storage: VodStorage; mediaconvert: MediaConvert } {
    const { stack, ctx, pipeline: p } = this;
    const storage = new VodStorage(stack, "vod_storage", ctx);
    const mediaconvert = new MediaConvert(stack, "mediaconvert", ctx, storage, archivedStreams);
    new WatchFolder(stack, "watch_folder", ctx, storage, mediaconvert);
    this.sharedEvents().normalize(transcodeStateMapping(mediaconvert.queue.arn, this.enrichment()), staticEventDetail(p.pipeline_id, this.enrichment()));
    this.output("vod_source_bucket", storage.source.bucket.bucket, `Upload files under ${p.vod_settings.input_prefix} here to transcode them.`);
    this.output("vod_output_bucket", storage.output.bucket.bucket, "Renditions written by MediaConvert (under vod/).");
    this.output("mediaconvert_job_template", mediaconvert.template.templateName, "MediaConvert job template built from the ladder (blackwell media convert uses it).");
    this.output("mediaconvert_queue_arn", mediaconvert.queue.arn, "MediaConvert queue of this pipeline.");
    this.output("mediaconvert_role_arn", mediaconvert.role.arn, "Role MediaConvert jobs of this pipeline run with.");
    return { storage, mediaconvert };
  }

  private buildVodOnly(): void {
    const { stack, ctx, pipeline: p } = this;
    const { storage } = this.buildVod();
    if (p.outputs.some((o) => o.kind === "cdn")) {
      const cdn = new Cdn(stack, "cloudfront", ctx, { buckets: [{ id: "vod_output", pathPatterns: ["/vod/*"], bucket: storage.output.bucket }] });
      storage.output.allowCloudFront(cdn.distribution.arn);
      this.cdnOutputs(cdn);
      this.output("vod_playback_base_url", `https://${cdn.distribution.domainName}/vod/`, "Base URL of on-demand renditions (hls/<file>.m3u8, dash/<file>.mpd below it).");
    }
    storage.output.finalizePolicy();
    storage.source.finalizePolicy();
    this.deliverEvents();
    this.output("event_bus_name", this.sharedEvents().bus.name, "EventBridge bus carrying this pipeline's normalized events (source blackwell.media: transcode.completed, transcode.failed).");
  }

  private cdnOutputs(cdn: Cdn): void {
    this.output("cloudfront_distribution_id", cdn.distribution.id, "CloudFront distribution id (for invalidations).");
    this.output("cloudfront_domain_name", cdn.distribution.domainName, "CloudFront domain name serving playback.");
  }

  private output(name: string, value: unknown, description: string, sensitive = false): void {
    new TerraformOutput(this.outputsScope, name, { value, description, ...(sensitive ? { sensitive } : {}) });
  }

  private buildLive(): void {
    const { stack, pipeline: p, ctx } = this;
    const cdnOutput = p.outputs.find((o) => o.kind === "cdn");
    const archiveOutput = p.outputs.find((o) => o.kind === "archive");
    const role = new MediaLiveRole(new Construct(stack, "iam"), "medialive", ctx);
    const packaging = cdnOutput ? new MediaPackage(stack, "mediapackage", ctx) : undefined;
    const archive = archiveOutput ? new Archive(stack, "archive", ctx, archiveOutput) : undefined;
    const vod = p.vod ? this.buildVod(archive ? `${archive.store.bucket.arn}/${ARCHIVE_PREFIX.archived}*` : undefined) : undefined;

    const mp4Objects = p.sources.filter((s) => s.kind === "mp4_file" && s.url?.startsWith("s3")).map((s) => `arn:${ctx.partition}:s3:::${s.url!.replace(/^s3(ssl)?:\/\//, "")}`);
    const policy = role.grant({
      mediapackageChannelArn: packaging?.channel.arn,
      archiveBucketArn: archive?.store.bucket.arn,
      mediaconnectFlowArns: p.sources.flatMap((s) => s.flow_arns ?? []),
      readObjectArns: mp4Objects,
    });

    // The live-status document (status/live.json) lives in a bucket of its own, served with a seconds-long cache.
    const statusScope = cdnOutput && p.events?.live_status ? new Construct(stack, "live_status") : undefined;
    const statusStore = statusScope ? new SecureBucket(statusScope, ctx, { name: "live_status", prefixWord: "status", purpose: "live status", forceDestroyVariable: "live_status_force_destroy" }) : undefined;
    let cdn: Cdn | undefined;
    if (cdnOutput) {
      cdn = new Cdn(stack, "cloudfront", ctx, {
        mediapackageDomain: packaging?.channelGroup.egressDomain,
        buckets: [
          ...(statusStore ? [{ id: "live_status", pathPatterns: [LIVE_STATUS.pathPattern], bucket: statusStore.bucket, cache: "status" as const }] : []),
          ...(archive ? [{ id: "archive", pathPatterns: [`/${ARCHIVE_PREFIX.recordings}*`, `/${ARCHIVE_PREFIX.archived}*`], bucket: archive.store.bucket }] : []),
          ...(vod ? [{ id: "vod_output", pathPatterns: ["/vod/*"], bucket: vod.storage.output.bucket }] : []),
        ],
      });
      vod?.storage.output.allowCloudFront(cdn.distribution.arn);
      packaging?.admitDistribution(cdn.distribution.arn);
      archive?.store.allowCloudFront(cdn.distribution.arn);
    }
    if (statusStore && cdn) statusStore.allowCloudFront(cdn.distribution.arn);
    statusStore?.finalizePolicy();
    archive?.store.finalizePolicy();
    vod?.storage.output.finalizePolicy();
    vod?.storage.source.finalizePolicy();

    const medialive = new MediaLive(stack, "medialive", ctx, {
      roleArn: role.role.arn,
      mediapackageIngestUrls: packaging ? [0, 1].map((i) => `\${${packaging.channel.terraformResourceType}.${packaging.channel.friendlyUniqueId}.ingest_endpoint_urls[${i}]}`) : undefined,
      archiveBaseUrl: archive?.baseUrl,
      dependsOn: [policy],
    });

    if (p.tier_settings.alarms) new Monitoring(stack, "monitoring", ctx, medialive.channel);
    const events = this.sharedEvents();
    const playbackUrl = cdn && packaging?.endpoints[0] ? `https://${cdn.distribution.domainName}${packaging.manifestPath(packaging.endpoints[0])}` : undefined;
    const playbackUrls = cdn && packaging ? Object.fromEntries(packaging.endpoints.map((e) => [e.format, `https://${cdn!.distribution.domainName}${packaging.manifestPath(e)}`])) : undefined;
    const enrichment = this.enrichment(playbackUrls);
    const liveStatus = statusStore && cdn ? { bucketName: statusStore.bucket.bucket, bucketArn: statusStore.bucket.arn, title: p.title, playbackUrls: playbackUrls ?? {} } : undefined;
    events.normalize(streamStateMapping(medialive.channel.arn, enrichment), staticEventDetail(p.pipeline_id, enrichment, { playbackUrl }), liveStatus);
    if (liveStatus && statusStore && cdn) {
      // Written once so a site sees "not started" rather than nothing; the state machine owns it afterwards.
      new S3Object(statusScope!, "live_status_initial", {
        bucket: statusStore.bucket.id,
        key: LIVE_STATUS.key,
        content: Fn.jsonencode(initialLiveStatus(p.pipeline_id, p.title, liveStatus.playbackUrls)),
        contentType: "application/json",
        cacheControl: `max-age=${LIVE_STATUS.cacheSeconds}`,
        lifecycle: { ignoreChanges: "all" },
      });
      this.output("live_status_url", `https://${cdn.distribution.domainName}/${LIVE_STATUS.key}`, "Live-status document (state not_started/live/ended, since, playback URLs, title); poll it from any site.");
    }
    this.deliverEvents();
    this.output("event_bus_name", events.bus.name, `EventBridge bus carrying this pipeline's normalized events (source blackwell.media: stream.started, stream.ended${vod ? ", transcode.completed, transcode.failed" : ""}${archive ? ", archive.created from blackwell media archive" : ""}).`);

    this.output("channel_id", medialive.channel.id, "MediaLive channel id (start and stop it with aws medialive start-channel / stop-channel).");
    this.output("channel_arn", medialive.channel.arn, "MediaLive channel ARN.");
    this.output("medialive_role_arn", role.role.arn, "IAM role the channel assumes.");
    // hashicorp/aws does not expose the ingest addresses AWS assigns to an input, so the module
    // returns the input ids; `aws medialive describe-input --input-id <id>` shows the URLs.
    this.output("input_ids", Object.fromEntries(medialive.inputs.map(({ source, input }) => [source.id, input.id])), "MediaLive input id per source (aws medialive describe-input shows its ingest URLs).");
    const pushNames = medialive.inputs.filter(({ source }) => source.kind === "rtmp").map(({ source }) => [source.id, source.stream_name!]);
    if (pushNames.length) this.output("rtmp_stream_names", Object.fromEntries(pushNames), "RTMP application/stream name to configure in the encoder, per RTMP source.");
    if (packaging) {
      this.output("mediapackage_channel_arn", packaging.channel.arn, "MediaPackage v2 channel ARN.");
      this.output("mediapackage_channel_group", packaging.channelGroup.name, "MediaPackage v2 channel group name.");
    }
    if (cdn) {
      this.cdnOutputs(cdn);
      if (vod) this.output("vod_playback_base_url", `https://${cdn.distribution.domainName}/vod/`, "Base URL of on-demand renditions (hls/<file>.m3u8 below it).");
      for (const e of packaging?.endpoints ?? []) {
        const url = ctx.local(`${e.format}_playback_url`, `https://${cdn.distribution.domainName}${packaging!.manifestPath(e)}`);
        this.output(`${e.format}_playback_url`, url.expression, `${e.format.toUpperCase()} playback URL through CloudFront${p.access === "private" ? " (needs a CloudFront signature)" : ""}.`);
      }
      const hls = packaging?.endpoints.find((e) => e.format === "hls" || e.format === "cmaf");
      if (hls && this.extras.playerSnippet)
        this.output("player_embed_html", this.extras.playerSnippet({ playbackUrl: `\${local.${hls.format}_playback_url}`, playbackOrigin: `https://${cdn.distribution.domainName}` }), "HTML snippet that plays the stream (hls.js pinned with SRI; Safari plays natively). Paste it into a page.");
    }
    if (archive) {
      this.output("archive_bucket_name", archive.store.bucket.bucket, "S3 bucket holding the recordings.");
      if (cdn) {
        this.output("archive_playback_base_url", `https://${cdn.distribution.domainName}/${ARCHIVE_PREFIX.recordings}`, "Base URL of live recordings through CloudFront (<stream-id>/pipeline0/index.m3u8 below it).");
        this.output("archived_streams_base_url", `https://${cdn.distribution.domainName}/${ARCHIVE_PREFIX.archived}`, "Base URL of streams kept with blackwell media archive (<stream-id>/pipeline0/index.m3u8 below it).");
      }
    }
  }
}
