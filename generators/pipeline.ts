/**
 * Composes one pipeline's service constructs from its plans. Each service is a direct child scope
 * of this construct whose id names the module file it lands in (medialive.tf.json, cloudfront.tf.json, ...).
 */
import { Construct } from "constructs";
import { Fn, ITerraformDependable, TerraformOutput } from "cdktf";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import type { PipelinePlan } from "../src/plans/pipeline-plan";
import { initialLiveStatus, staticEventDetail, streamStateMapping, transcodeStateMapping, type EventEnrichment } from "../src/plans/events";
import type { VodPlan } from "../src/plans/vod";
import type { FailoverPlan } from "../src/plans/failover";
import { PipelineContext } from "./context";
import { MediaLive } from "./medialive";
import { MediaLiveRole } from "./iam";
import { medialiveLogGroup } from "./medialive-logs";
import { MediaPackage } from "./mediapackage";
import { Archive, SecureBucket } from "./archive";
import { Cdn } from "./cloudfront";
import { Monitoring } from "./monitoring";
import { Dashboard } from "./dashboard";
import type { DashboardValues } from "../src/plans/dashboard";
import { EventForwarding, PipelineEvents } from "./events";
import { regionScope, useProviderAlias } from "./region";
import type { MediaConvert, VodStorage } from "./vod";
import type { Slate } from "./slate";
import type { IvsPlan } from "../src/plans/ivs";
import { accountOf } from "./iam";
import {
  adInsertionGenerator,
  automationGenerator,
  eventDeliveryGenerator,
  ivsGenerator,
  slateGenerator,
  viewerAnalyticsGenerator,
  vodGenerator,
} from "./features";

export interface PipelineConstructProps {
  /** Everything about the pipeline, decided by src/plans (planPipeline). */
  readonly plan: PipelinePlan;
  /**
   * Player HTML with Terraform interpolations for the playback URL (rendered by src/embed, handed in by
   * the synth layer); without it the module has no player_embed_html output.
   */
  readonly playerSnippet?: (expressions: { playbackUrl: string; playbackOrigin: string }) => string;
  /** The slate image's bytes in base64 (read by the synth layer); asked for only when the plan ships a slate. */
  readonly slateImageBase64?: () => string;
}

export class PipelineConstruct extends Construct {
  readonly context: PipelineContext;
  private readonly plan: PipelinePlan;
  private readonly outputsScope: Construct;
  /** The pipeline event bus (absent for backend ivs, whose events the bus does not normalize). */
  private readonly events!: PipelineEvents;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: PipelineConstructProps,
  ) {
    super(scope, id);
    const plan = (this.plan = props.plan);
    this.context = new PipelineContext(this, { defaultNamePrefix: plan.defaultNamePrefix, tags: plan.tags });
    this.outputsScope = new Construct(this, "outputs");
    if (plan.ivs) {
      this.buildIvs(plan.ivs);
      return;
    }
    this.events = new PipelineEvents(this, "events", { context: this.context, plan: plan.events, pipelineId: plan.pipelineId });
    if (plan.live) this.buildLive();
    else this.buildVodOnly();
  }

  /** With an events section, every event carries the client id (and stream events the title and playback URLs). */
  private enrichment(playbackUrls?: Record<string, string>): EventEnrichment | undefined {
    const e = this.plan.events.enrichment;
    return e ? { ...e, ...(playbackUrls ? { playbackUrls } : {}) } : undefined;
  }

  /** The events section's delivery targets (another bus, webhooks), once the pipeline bus exists. */
  private deliverEvents(): void {
    const { context, plan: p } = this;
    if (!p.events.targets.length) return;
    const bus = this.events.bus;
    const delivery = new (eventDeliveryGenerator().EventDelivery)(this, "event_delivery", {
      context,
      plan: p.events,
      pipelineId: p.pipelineId,
      bus: { name: bus.name, arn: bus.arn },
    });
    this.output(
      "events_dead_letter_queue_url",
      delivery.deadLetterQueue.url,
      "SQS queue holding pipeline events EventBridge could not deliver (encrypted; alarmed).",
    );
    const roles = delivery.delivered.map((d) => [d.target.name, d.roleArn]);
    this.output(
      "event_delivery_role_arns",
      Object.fromEntries(roles),
      "Role each delivery target is called with, by target name (a bus in another account must allow it; see README).",
    );
  }

  /** MediaConvert, its buckets and the watch folder; CloudFront serves the renditions under /vod/. */
  /** `archivedStreams`: objects MediaConvert may also read (a hybrid pipeline's archived streams, for `archive --transcode`). */
  private buildVod(vod: VodPlan, archivedStreams?: string): { storage: VodStorage; mediaconvert: MediaConvert } {
    const { context, plan: p } = this;
    const { MediaConvert, VodStorage, WatchFolder } = vodGenerator();
    const storage = new VodStorage(this, "vod_storage", { context, plan: vod });
    const mediaconvert = new MediaConvert(this, "mediaconvert", { context, plan: vod, pipelineId: p.pipelineId, storage, archivedStreams });
    new WatchFolder(this, "watch_folder", { context, plan: vod, pipelineId: p.pipelineId, storage, mediaconvert });
    this.events.normalize(transcodeStateMapping(mediaconvert.queue.arn, this.enrichment()), staticEventDetail(p.pipelineId, this.enrichment()));
    this.output("vod_source_bucket", storage.source.bucket.bucket, `Upload files under ${vod.inputPrefix} here to transcode them.`);
    this.output("vod_output_bucket", storage.output.bucket.bucket, `Renditions written by MediaConvert (under ${vod.outputPrefix}).`);
    this.output(
      "mediaconvert_job_template",
      mediaconvert.template.templateName,
      "MediaConvert job template built from the ladder (blackwell media convert uses it).",
    );
    this.output("mediaconvert_queue_arn", mediaconvert.queue.arn, "MediaConvert queue of this pipeline.");
    this.output("mediaconvert_role_arn", mediaconvert.role.arn, "Role MediaConvert jobs of this pipeline run with.");
    return { storage, mediaconvert };
  }

  private buildVodOnly(): void {
    const { context, plan: p } = this;
    const { storage } = this.buildVod(p.vod!);
    let cdn: Cdn | undefined;
    if (p.delivery) {
      cdn = new Cdn(this, "cloudfront", {
        context,
        plan: p.delivery,
        comment: `${p.title} (${p.pipelineId})`,
        buckets: { vod_output: storage.output.bucket },
      });
      storage.output.allowCloudFront(cdn.distribution.arn);
      this.cdnOutputs(cdn);
      this.output(
        "vod_playback_base_url",
        `https://${cdn.distribution.domainName}/${p.vod!.outputPrefix}`,
        "Base URL of on-demand renditions (hls/<file>.m3u8, dash/<file>.mpd below it).",
      );
    }
    this.deliverEvents();
    this.output(
      "event_bus_name",
      this.events.bus.name,
      `EventBridge bus carrying this pipeline's normalized events (source ${p.events.source}: ${p.events.detailTypes.join(", ")}).`,
    );
    if (p.automation) {
      const { Automation, automationOutputs } = automationGenerator();
      automationOutputs(this.outputsScope, new Automation(this, "automation", { context, plan: p.automation, pipelineId: p.pipelineId, bus: this.events.bus }));
    }
    this.viewerAnalytics(cdn);
    this.dashboard(cdn ? { distribution_id: cdn.distribution.id } : {});
  }

  /** analytics.tf.json: CloudFront's access logs, their Glue table and the Athena named queries (analytics.viewer_logs). */
  private viewerAnalytics(cdn: Cdn | undefined): void {
    const plan = this.plan.viewerAnalytics;
    if (!plan || !cdn) return;
    const a = new (viewerAnalyticsGenerator().ViewerAnalytics)(this, "analytics", { context: this.context, plan, distributionArn: cdn.distribution.arn });
    this.output(
      "viewer_logs_bucket",
      a.logs.bucket.bucket,
      `S3 bucket receiving CloudFront's access logs (under ${plan.logsPrefix}, kept ${plan.retentionDays} days).`,
    );
    this.output("analytics_database", a.database.name, "Glue database holding the access-log table.");
    this.output("analytics_table", a.table.name, "Glue table over the access logs (its columns document each log field).");
    this.output("analytics_workgroup", a.workgroup.name, "Athena workgroup the named queries run in (blackwell media analytics).");
    this.output(
      "analytics_named_query_ids",
      Object.fromEntries(a.queries.map((q) => [q.id, q.query.id])),
      "Athena named query id per report: concurrent_viewers, watch_time_per_stream, top_countries.",
    );
  }

  /** monitoring.tf.json: the tier's alarms and the dashboard share it. */
  private monitoringScope(): Construct {
    return this.node.tryFindChild("monitoring") ?? new Construct(this, "monitoring");
  }

  /** Built last, so that its alarm widget lists every alarm the module declares. */
  private dashboard(values: Partial<DashboardValues>): void {
    const plan = this.plan.dashboard;
    if (!plan) return;
    const d = new Dashboard(this.monitoringScope(), "dashboard", { context: this.context, plan, values, alarmsIn: this });
    this.output("dashboard_name", d.dashboard.dashboardName, "CloudWatch dashboard of this pipeline (channel, packaging, viewers, alarms).");
  }

  private cdnOutputs(cdn: Cdn): void {
    this.output("cloudfront_distribution_id", cdn.distribution.id, "CloudFront distribution id (for invalidations).");
    this.output("cloudfront_domain_name", cdn.distribution.domainName, "CloudFront domain name serving playback.");
  }

  private output(name: string, value: unknown, description: string, sensitive = false): void {
    new TerraformOutput(this.outputsScope, name, { value, description, ...(sensitive ? { sensitive } : {}) });
  }

  /**
   * The failover region's channel (inputs, security groups, channel) feeding its own MediaPackage channel, with the
   * primary's role; its ElementalMediaLive log group too, under the same variables as the primary region's.
   */
  private buildFailoverChannel(failover: FailoverPlan, packaging: MediaPackage, roleArn: string, policy: ITerraformDependable): MediaLive {
    const { context } = this;
    const live = failover.live;
    const scope = regionScope(this, "medialive_failover", failover.providerAlias);
    const logGroup = live.logGroup
      ? medialiveLogGroup(new Construct(scope, "logs"), context.variables, context.tags, live.logGroup.manageByDefault)
      : undefined;
    const medialive = new MediaLive(scope, "medialive", {
      context,
      plan: live,
      roleArn,
      mediapackageIngestUrls: live.pipelines.map(
        (i) => `\${${packaging.channel.terraformResourceType}.${packaging.channel.friendlyUniqueId}.ingest_endpoint_urls[${i}]}`,
      ),
      dependsOn: logGroup ? [policy, logGroup] : [policy],
    });
    useProviderAlias(scope, failover.providerAlias);
    useProviderAlias(packaging, failover.providerAlias);
    return medialive;
  }

  /** backend ivs: the IVS channel is the whole module (the IVS rules refuse everything else). */
  private buildIvs(plan: IvsPlan): void {
    const ivs = new (ivsGenerator().Ivs)(this, "ivs", { context: this.context, plan });
    const { channel } = ivs;
    const attribute = (name: string) => `\${${channel.terraformResourceType}.${channel.friendlyUniqueId}.${name}}`;
    this.output("ivs_channel_arn", channel.arn, "Amazon IVS channel ARN.");
    this.output(
      "ivs_ingest_endpoint",
      `rtmps://${attribute("ingest_endpoint")}:443/app/`,
      "RTMPS ingest URL to configure in the encoder (with ivs_stream_key as the stream key).",
    );
    this.output("ivs_stream_key", ivs.streamKey.value, "Stream key of the channel: whoever holds it can broadcast. Read it with terraform output -raw.", true);
    this.output(
      "ivs_playback_url",
      channel.playbackUrl,
      `HLS playback URL of the channel${plan.authorized ? " (needs a playback token signed with the private half of ivs_playback_public_key_pem)" : ""}.`,
    );
    if (ivs.playbackKeyPair) this.output("ivs_playback_key_pair_arn", ivs.playbackKeyPair.arn, "Playback key pair verifying this account's playback tokens.");
    if (ivs.archive) this.output("archive_bucket_name", ivs.archive.bucket.bucket, "S3 bucket IVS records into (under ivs/v1/<account>/<channel>/).");
    // A public channel plays without a token, so the player snippet takes the playback URL as it is.
    if (!plan.authorized && this.props.playerSnippet)
      this.output(
        "player_embed_html",
        this.props.playerSnippet({ playbackUrl: attribute("playback_url"), playbackOrigin: `https://${attribute("ingest_endpoint")}` }),
        "HTML snippet that plays the stream (hls.js pinned with SRI; Safari plays natively). Paste it into a page.",
      );
  }

  private buildLive(): void {
    const { context, plan: p } = this;
    const live = p.live!;
    const role = new MediaLiveRole(new Construct(this, "iam"), "medialive", { context, plan: p.liveAccess!, pipelineId: p.pipelineId });
    const packaging = p.packaging
      ? new MediaPackage(this, "mediapackage", { context, plan: p.packaging, title: p.title, pipelineId: p.pipelineId })
      : undefined;
    const archive = p.archive ? new Archive(this, "archive", { context, plan: p.archive }) : undefined;
    const vod = p.vod ? this.buildVod(p.vod, archive ? `${archive.store.bucket.arn}/${p.archive!.prefixes.archived}*` : undefined) : undefined;

    // The redundant origin's packaging (failover region): the same group, channel and endpoint names, so a playback path is valid at both.
    const failover = p.failover;
    const failoverPackaging = failover
      ? new MediaPackage(regionScope(this, "mediapackage_failover", failover.providerAlias), "mediapackage", {
          context,
          plan: failover.packaging,
          title: p.title,
          pipelineId: p.pipelineId,
        })
      : undefined;

    let slate: Slate | undefined;
    if (p.slate) {
      if (!this.props.slateImageBase64) throw new Error("generator bug: the plan ships a slate but no slate image was given");
      slate = new (slateGenerator().Slate)(this, "slate", { context, plan: p.slate, imageBase64: this.props.slateImageBase64() });
      slate.admitChannelRole(role.role.arn);
    }
    const policy = role.grant({
      mediapackageChannelArn: packaging?.channel.arn,
      archive: archive ? { bucketArn: archive.store.bucket.arn, recordingsPrefix: p.archive!.prefixes.recordings } : undefined,
      slateObjectArn: slate?.objectArn,
      failover: failover && failoverPackaging ? { mediapackageChannelArn: failoverPackaging.channel.arn, region: failover.region } : undefined,
    });

    // The live-status document (status/live.json) lives in a bucket of its own, served with a seconds-long cache.
    const liveStatusPlan = p.events.liveStatus;
    const statusScope = liveStatusPlan ? new Construct(this, "live_status") : undefined;
    const statusStore =
      statusScope && liveStatusPlan
        ? new SecureBucket(statusScope, "live_status_bucket", {
            context,
            name: "live_status",
            prefixWord: "status",
            purpose: "live status",
            lifecycleRules: liveStatusPlan.lifecycleRules,
            forceDestroyVariable: "live_status_force_destroy",
          })
        : undefined;
    let cdn: Cdn | undefined;
    if (p.delivery) {
      cdn = new Cdn(this, "cloudfront", {
        context,
        plan: p.delivery,
        comment: `${p.title} (${p.pipelineId})`,
        mediapackageDomain: packaging?.channelGroup.egressDomain,
        failoverMediapackageDomain: failoverPackaging?.channelGroup.egressDomain,
        buckets: { archive: archive?.store.bucket, vod_output: vod?.storage.output.bucket, live_status: statusStore?.bucket },
      });
      statusStore?.allowCloudFront(cdn.distribution.arn);
      vod?.storage.output.allowCloudFront(cdn.distribution.arn);
      packaging?.admitDistribution(cdn.distribution.arn, p.clips ? accountOf(role.role.arn) : undefined);
      failoverPackaging?.admitDistribution(cdn.distribution.arn);
      archive?.store.allowCloudFront(cdn.distribution.arn);
    }

    const adInsertion =
      p.adInsertion && cdn && packaging
        ? new (adInsertionGenerator().AdInsertion)(this, "mediatailor", {
            context,
            plan: p.adInsertion,
            cdnDomain: cdn.distribution.domainName,
            contentSourcePath: packaging.channelPath(),
          })
        : undefined;

    // The channel logs into ElementalMediaLive: create it with a retention first (unless another module manages it).
    const logGroup = live.logGroup ? medialiveLogGroup(new Construct(this, "logs"), context.variables, context.tags, live.logGroup.manageByDefault) : undefined;
    const medialive = new MediaLive(this, "medialive", {
      context,
      plan: live,
      roleArn: role.role.arn,
      mediapackageIngestUrls: packaging
        ? live.pipelines.map((i) => `\${${packaging.channel.terraformResourceType}.${packaging.channel.friendlyUniqueId}.ingest_endpoint_urls[${i}]}`)
        : undefined,
      archiveBaseUrl: archive?.baseUrl(),
      dependsOn: logGroup ? [policy, logGroup] : [policy],
    });

    const failoverChannel = failover && failoverPackaging ? this.buildFailoverChannel(failover, failoverPackaging, role.role.arn, policy) : undefined;

    if (p.monitoring) new Monitoring(this.monitoringScope(), "alarms", { context, plan: p.monitoring, channelId: medialive.channel.id });
    const playbackUrl =
      p.events.streamEventsCarryPlaybackUrl && cdn && packaging
        ? `https://${cdn.distribution.domainName}${packaging.manifestPath(packaging.endpoints[0])}`
        : undefined;
    const playbackUrls =
      cdn && packaging
        ? Object.fromEntries(packaging.endpoints.map((e) => [e.format, `https://${cdn.distribution.domainName}${packaging.manifestPath(e)}`]))
        : undefined;
    const enrichment = this.enrichment(playbackUrls);
    const liveStatus =
      liveStatusPlan && statusStore && cdn
        ? { bucketName: statusStore.bucket.bucket, bucketArn: statusStore.bucket.arn, title: liveStatusPlan.title, playbackUrls: playbackUrls ?? {} }
        : undefined;
    this.events.normalize(streamStateMapping(medialive.channel.arn, enrichment), staticEventDetail(p.pipelineId, enrichment, { playbackUrl }), liveStatus);
    if (failover && failoverChannel) {
      // The failover channel's state changes: forwarded from its region's default bus to the pipeline bus, normalized there.
      const mapping = streamStateMapping(failoverChannel.channel.arn, enrichment);
      const scope = regionScope(this, "events_failover", failover.providerAlias);
      new EventForwarding(scope, "forwarding", {
        pipelineId: p.pipelineId,
        name: "stream_state",
        pattern: mapping.pattern,
        bus: { arn: this.events.bus.arn },
        tags: context.tags,
      });
      useProviderAlias(scope, failover.providerAlias);
      this.events.normalize({ ...mapping, name: "failover_stream_state" }, staticEventDetail(p.pipelineId, enrichment, { playbackUrl }), undefined, {
        onPipelineBus: true,
      });
    }
    if (liveStatus && liveStatusPlan && statusScope && statusStore && cdn) {
      // Written once so a site sees "not started" rather than nothing; the state machine owns it afterwards.
      new S3Object(statusScope, "live_status_initial", {
        bucket: statusStore.bucket.id,
        key: liveStatusPlan.key,
        content: Fn.jsonencode(initialLiveStatus(p.pipelineId, liveStatusPlan.title, liveStatus.playbackUrls)),
        contentType: "application/json",
        cacheControl: `max-age=${liveStatusPlan.cacheSeconds}`,
        lifecycle: { ignoreChanges: "all" },
      });
      this.output(
        "live_status_url",
        `https://${cdn.distribution.domainName}/${liveStatusPlan.key}`,
        "Live-status document (state not_started/live/ended, since, playback URLs, title); poll it from any site.",
      );
    }
    this.deliverEvents();
    this.output(
      "event_bus_name",
      this.events.bus.name,
      `EventBridge bus carrying this pipeline's normalized events (source ${p.events.source}: ${p.events.detailTypes.join(", ")}${p.events.archiveCreated ? ", archive.created from blackwell media archive" : ""}${p.automation?.idleStop ? ", channel.auto_stopped from idle stop" : ""}).`,
    );
    const automation = p.automation
      ? new (automationGenerator().Automation)(this, "automation", {
          context,
          plan: p.automation,
          pipelineId: p.pipelineId,
          clientId: p.events.enrichment?.clientId,
          channel: medialive.channel,
          bus: this.events.bus,
        })
      : undefined;

    this.output("channel_id", medialive.channel.id, "MediaLive channel id (start and stop it with aws medialive start-channel / stop-channel).");
    this.output("channel_arn", medialive.channel.arn, "MediaLive channel ARN.");
    this.output("medialive_role_arn", role.role.arn, "IAM role the channel assumes.");
    if (automation) automationGenerator().automationOutputs(this.outputsScope, automation);
    // hashicorp/aws does not expose the ingest addresses AWS assigns to an input, so the module
    // returns the input ids; `aws medialive describe-input --input-id <id>` shows the URLs.
    this.output(
      "input_ids",
      Object.fromEntries(medialive.inputs.map(({ source, inputId }) => [source.id, inputId])),
      "MediaLive input id per source (aws medialive describe-input shows its ingest URLs).",
    );
    const pushNames = medialive.inputs.filter(({ source }) => source.kind === "rtmp").map(({ source }) => [source.id, source.stream_name!]);
    if (pushNames.length)
      this.output("rtmp_stream_names", Object.fromEntries(pushNames), "RTMP application/stream name to configure in the encoder, per RTMP source.");
    if (failover && failoverChannel && failoverPackaging) {
      this.output("failover_region", failover.region, "Region of the redundant origin (provider configuration aws.failover).");
      this.output("failover_channel_id", failoverChannel.channel.id, `MediaLive channel id in ${failover.region} (start it beside channel_id).`);
      this.output("failover_channel_arn", failoverChannel.channel.arn, `MediaLive channel ARN in ${failover.region}.`);
      this.output(
        "failover_input_ids",
        Object.fromEntries(failoverChannel.inputs.map(({ source, inputId }) => [source.id, inputId])),
        `MediaLive input id per source in ${failover.region}: push sources send to these as well as to input_ids.`,
      );
      this.output("failover_mediapackage_channel_arn", failoverPackaging.channel.arn, `MediaPackage v2 channel ARN in ${failover.region}.`);
    }
    if (packaging) {
      this.output("mediapackage_channel_arn", packaging.channel.arn, "MediaPackage v2 channel ARN.");
      this.output("mediapackage_channel_group", packaging.channelGroup.name, "MediaPackage v2 channel group name.");
    }
    if (cdn) {
      this.cdnOutputs(cdn);
      if (vod)
        this.output(
          "vod_playback_base_url",
          `https://${cdn.distribution.domainName}/${p.vod!.outputPrefix}`,
          "Base URL of on-demand renditions (hls/<file>.m3u8 below it).",
        );
      for (const e of packaging?.endpoints ?? []) {
        const url = context.local(`${e.format}_playback_url`, `https://${cdn.distribution.domainName}${packaging!.manifestPath(e)}`);
        this.output(
          `${e.format}_playback_url`,
          url.expression,
          `${e.format.toUpperCase()} playback URL through CloudFront${p.access === "private" ? " (needs a CloudFront signature)" : ""}.`,
        );
      }
      for (const e of adInsertion ? p.adInsertion!.endpoints : []) {
        const url = context.local(`ssai_${e.format}_playback_url`, adInsertion!.playbackUrl(e));
        this.output(
          `ssai_${e.format}_playback_url`,
          url.expression,
          `${e.format.toUpperCase()} playback URL with server-side ad insertion: a MediaTailor session through CloudFront (your ad decision server chooses the ads).`,
        );
      }
      if (adInsertion) this.output("mediatailor_playback_configuration_arn", adInsertion.configuration.arn, "MediaTailor playback configuration ARN.");
      const hls = packaging?.endpoints.find((e) => e.format === "hls" || e.format === "cmaf");
      // With ad insertion the embedded player starts a MediaTailor session (ads stitched in) instead of reading MediaPackage directly.
      const embedLocal = hls && `${adInsertion ? "ssai_" : ""}${hls.format}_playback_url`;
      if (hls && this.props.playerSnippet)
        this.output(
          "player_embed_html",
          this.props.playerSnippet({ playbackUrl: `\${local.${embedLocal}}`, playbackOrigin: `https://${cdn.distribution.domainName}` }),
          "HTML snippet that plays the stream (hls.js pinned with SRI; Safari plays natively). Paste it into a page.",
        );
    }
    if (slate)
      this.output("slate_image_uri", slate.uri, "Slate image the channel shows with blackwell media stream slate on (readable by the channel role only).");
    if (p.clips && archive && packaging) {
      // MediaPackage v2 harvest jobs write with the service principal (the API takes no role): only under the clips
      // prefix, only for this account, only on behalf of this channel's origin endpoints (confused-deputy keys).
      const conditions = [
        { test: "StringEquals", variable: "aws:SourceAccount", values: [accountOf(medialive.channel.arn)] },
        { test: "ArnLike", variable: "aws:SourceArn", values: [`${packaging.channel.arn}/originEndpoint/*`] },
      ];
      const principals = [{ type: "Service", identifiers: ["mediapackagev2.amazonaws.com"] }];
      archive.store.addToResourcePolicy({
        sid: "MediaPackageHarvestsClips",
        effect: "Allow",
        principals,
        actions: ["s3:PutObject"],
        resources: [`${archive.store.bucket.arn}/${p.clips.prefix}*`],
        condition: conditions,
      });
      archive.store.addToResourcePolicy({
        sid: "MediaPackageFindsClipBucket",
        effect: "Allow",
        principals,
        actions: ["s3:GetBucketLocation"],
        resources: [archive.store.bucket.arn],
        condition: conditions,
      });
    }
    if (archive) {
      this.output("archive_bucket_name", archive.store.bucket.bucket, "S3 bucket holding the recordings.");
      if (cdn) {
        this.output(
          "archive_playback_base_url",
          `https://${cdn.distribution.domainName}/${p.archive!.prefixes.recordings}`,
          "Base URL of live recordings through CloudFront (<stream-id>/pipeline0/index.m3u8 below it).",
        );
        this.output(
          "archived_streams_base_url",
          `https://${cdn.distribution.domainName}/${p.archive!.prefixes.archived}`,
          "Base URL of streams kept with blackwell media archive (<stream-id>/pipeline0/index.m3u8 below it).",
        );
      }
    }
    this.viewerAnalytics(cdn);
    this.dashboard({
      channel_id: medialive.channel.id,
      ...(packaging ? { channel_group: packaging.channelGroup.name, mediapackage_channel: packaging.channelName } : {}),
      ...(cdn ? { distribution_id: cdn.distribution.id } : {}),
      ...(failoverChannel ? { failover_channel_id: failoverChannel.channel.id } : {}),
      ...(failoverPackaging
        ? { failover_channel_group: failoverPackaging.channelGroup.name, failover_mediapackage_channel: failoverPackaging.channelName }
        : {}),
    });
  }
}
