/**
 * Reads the media resources out of `terraform show -json` output, module by module, into
 * Inventories the estimator prices. Works on any plan, not only modules this tool generated: it reads
 * what AWS bills from the resources themselves (the channel's input specification, encoder settings
 * and destinations, lifecycle rules, MediaPackage endpoints, the MediaConvert job template).
 */
import { UserError } from "../core/problems";
import { ARCHIVE_PREFIX } from "../plans/archive-layout";
import { WATCH_FOLDER_TRANSITIONS_PER_JOB } from "../plans/vod";
import {
  ChannelOutput,
  DEFAULT_SEGMENT_SECONDS,
  adInsertionOf,
  Encode,
  FailoverInventory,
  Inventory,
  ResolutionClass,
  captionOutputsOf,
  drmEndpointsOf,
  pricedTransitions,
  resolutionClass,
} from "./inventory";

import type { Json } from "../types/json";

const first = (v: unknown): Json | undefined => (Array.isArray(v) ? v[0] : v && typeof v === "object" ? v : undefined);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v : v && typeof v === "object" ? [v] : []);
const PUSH_INPUTS = new Set(["RTMP_PUSH", "RTP_PUSH", "UDP_PUSH"]);
const MAX_MBPS: Record<string, 10 | 20 | 50> = { MAX_10_MBPS: 10, MAX_20_MBPS: 20, MAX_50_MBPS: 50 };

/**
 * The input types of the MediaLive inputs an aws_cloudformation_stack declares in its template (how the SRT caller
 * input is created: hashicorp/aws cannot); AWS bills them as inputs like any other.
 */
function cloudFormationInputs(r: Json): string[] {
  if (r.type !== "aws_cloudformation_stack" || typeof r.values?.template_body !== "string") return [];
  let template: Json;
  try {
    template = JSON.parse(r.values.template_body);
  } catch {
    return [];
  }
  return Object.values((template.Resources ?? {}) as Record<string, Json>)
    .filter((res) => res?.Type === "AWS::MediaLive::Input")
    .map((res) => String(res.Properties?.Type ?? ""));
}

function collect(module: Json | undefined, out: Map<string, Json[]>): void {
  if (!module) return;
  const address = module.address ?? "root";
  for (const r of module.resources ?? []) {
    if (!out.has(address)) out.set(address, []);
    out.get(address)!.push(r);
  }
  for (const child of module.child_modules ?? []) collect(child, out);
}

const hlsSettingsOf = (group: Json) => first(first(group.output_group_settings)?.hls_group_settings);
const hlsOutputSettingsOf = (output: Json) => first(first(output.output_settings)?.hls_output_settings);
/** An output's rung: its name modifier without the leading underscore (the generators name outputs _<rung>). */
const rungName = (nameModifier: unknown, fallback: string) => (typeof nameModifier === "string" && nameModifier ? nameModifier.replace(/^_/, "") : fallback);

function encodesOfChannel(values: Json): Encode[] {
  const es = first(values.encoder_settings) ?? {};
  const audioBitrate = new Map<string, number>(list(es.audio_descriptions).map((a) => [a.name, first(first(a.codec_settings)?.aac_settings)?.bitrate ?? 0]));
  const outputs = list(es.output_groups).flatMap((g) => list(g.outputs));
  const encodes: Encode[] = [];
  for (const vd of list(es.video_descriptions)) {
    const codec = first(vd.codec_settings) ?? {};
    const h265 = first(codec.h265_settings);
    const settings = h265 ?? first(codec.h264_settings) ?? {};
    const fps = settings.framerate_denominator ? settings.framerate_numerator / settings.framerate_denominator : 30;
    const user = outputs.find((o) => o.video_description_name === vd.name);
    const audio = audioBitrate.get((user?.audio_description_names ?? [])[0]) ?? 0;
    encodes.push({
      name: rungName(hlsOutputSettingsOf(user ?? {})?.name_modifier, String(vd.name).replace(/^video_/, "")),
      kind: "video",
      resolution: resolutionClass(vd.height ?? 1080),
      codec: h265 ? "HEVC" : "AVC",
      fps: fps > 30 ? 60 : 30,
      kbps: ((settings.max_bitrate ?? settings.bitrate ?? 5_000_000) + audio) / 1000,
    });
  }
  const audioOnly = outputs.filter((o) => !o.video_description_name && first(hlsOutputSettingsOf(o)?.hls_settings)?.audio_only_hls_settings);
  const seen = new Set<string>();
  for (const o of audioOnly) {
    const name = rungName(hlsOutputSettingsOf(o)?.name_modifier, String((o.audio_description_names ?? [])[0]));
    if (seen.has(name)) continue;
    seen.add(name);
    encodes.push({ name, kind: "audio", kbps: (audioBitrate.get((o.audio_description_names ?? [])[0]) ?? 96_000) / 1000 });
  }
  return encodes;
}

/** Every output of the channel with the encode it carries, and the RTMP destinations with the kbps each receives. */
function billedOutputsOfChannel(values: Json, encodes: Encode[]): Pick<Inventory, "channelOutputs" | "rtmpDestinations"> {
  const es = first(values.encoder_settings) ?? {};
  const audioBitrate = new Map<string, number>(list(es.audio_descriptions).map((a) => [a.name, first(first(a.codec_settings)?.aac_settings)?.bitrate ?? 0]));
  const byVideo = new Map(list(es.video_descriptions).map((vd, i) => [vd.name, encodes.filter((e) => e.kind === "video")[i]]));
  const channelOutputs: ChannelOutput[] = [];
  const rtmpDestinations: Array<{ id: string; kbps: number }> = [];
  for (const g of list(es.output_groups))
    for (const o of list(g.outputs)) {
      // A WebVTT rendition carries only captions: counted apart (captionOutputs), there is no output rate for it in the table.
      if (!o.video_description_name && !list(o.audio_description_names).length) continue;
      const video = byVideo.get(o.video_description_name);
      const audio = audioBitrate.get((o.audio_description_names ?? [])[0]) ?? 0;
      const name = rungName(hlsOutputSettingsOf(o)?.name_modifier, video?.name ?? String((o.audio_description_names ?? [])[0]));
      const encode: Encode = video ? { ...video, name } : { name, kind: "audio", kbps: audio / 1000 };
      channelOutputs.push({ group: String(g.name), encode });
      const rtmp = first(first(o.output_settings)?.rtmp_output_settings);
      if (rtmp) rtmpDestinations.push({ id: String(first(rtmp.destination)?.destination_ref_id), kbps: encode.kbps });
    }
  // A channel without outputs (a hand-written plan's) leaves the estimate to price one output per encode.
  return channelOutputs.length ? { channelOutputs, rtmpDestinations } : {};
}

/** The channel's recording to S3: an HLS group in VOD mode (MediaLive writes a finished playlist), one URL per pipeline. */
function recordingOf(channel: Json): { segmentSeconds: number; pipelines: number } | undefined {
  const es = first(channel.encoder_settings) ?? {};
  const group = list(es.output_groups)
    .map(hlsSettingsOf)
    .find((h) => h?.mode === "VOD");
  if (!group) return undefined;
  const ref = first(group.destination)?.destination_ref_id;
  const destination = list(channel.destinations).find((d) => d.id === ref);
  return { segmentSeconds: group.segment_length ?? 10, pipelines: list(destination?.settings).length || 1 };
}

/** Settings of a MediaConvert job template or preset: a JSON string once known, or an object where a plan shows the structure. */
function settingsOf(values: Json): Json | undefined {
  const s = values.settings_json;
  if (typeof s === "string") {
    try {
      return JSON.parse(s);
    } catch {
      return undefined;
    }
  }
  return s && typeof s === "object" ? s : undefined;
}

function renditionOf(name: string, settings: Json): Encode | undefined {
  const video = settings.VideoDescription;
  const audio = (settings.AudioDescriptions ?? [])[0]?.CodecSettings?.AacSettings?.Bitrate ?? 0;
  if (video) {
    const codec = video.CodecSettings?.Codec;
    if (codec !== "H_264" && codec !== "H_265") return undefined; // frame captures (thumbnails) are not priced
    const s = video.CodecSettings.H264Settings ?? video.CodecSettings.H265Settings ?? {};
    const fps = s.FramerateDenominator ? s.FramerateNumerator / s.FramerateDenominator : 30;
    return {
      name,
      kind: "video",
      resolution: resolutionClass(video.Height ?? 1080),
      codec: codec === "H_265" ? "HEVC" : "AVC",
      fps: fps > 30 ? 60 : 30,
      kbps: ((s.MaxBitrate ?? s.Bitrate ?? 0) + audio) / 1000,
    };
  }
  return audio ? { name, kind: "audio", kbps: audio / 1000 } : undefined;
}

/** One rendition per output of the job template; an output that names a preset is read from the preset. */
function renditionsOfJobTemplate(template: Json, presets: Json[]): Encode[] {
  const settings = settingsOf(template) ?? {};
  const presetSettings = (output: Json) => {
    const preset = presets.find((p) =>
      output.Preset !== undefined ? p.name === output.Preset : typeof p.name === "string" && p.name.endsWith(`-hls-${rungName(output.NameModifier, "")}`),
    );
    return preset ? settingsOf(preset) : undefined;
  };
  return list(settings.OutputGroups).flatMap((g) =>
    list(g.Outputs).flatMap((o) => {
      const own = o.VideoDescription || o.AudioDescriptions ? o : "Preset" in o || !o.ContainerSettings ? presetSettings(o) : undefined;
      const r = own ? renditionOf(`${String(g.Name).toLowerCase()}${o.NameModifier ?? ""}`, own) : undefined;
      return r ? [r] : [];
    }),
  );
}

/**
 * The region of each configured resource (full address, without a count index): its provider configuration's region,
 * where the plan shows it as a constant. A module with a failover region has resources under two configurations.
 */
function resourceRegions(p: Json): Map<string, string> {
  const providers = (p.configuration?.provider_config ?? {}) as Record<string, Json>;
  const regions = new Map<string, string>();
  const walk = (module: Json | undefined, prefix: string) => {
    for (const r of module?.resources ?? []) {
      const region = providers[r.provider_config_key]?.expressions?.region?.constant_value;
      if (typeof region === "string") regions.set(`${prefix}${r.address}`, region);
    }
    for (const [name, call] of Object.entries((module?.module_calls ?? {}) as Record<string, Json>)) walk(call.module, `${prefix}module.${name}.`);
  };
  walk(p.configuration?.root_module, "");
  return regions;
}

/**
 * A module's resources split by region: the primary (the region most of them are in: the CDN, the buckets, the bus
 * and the roles are there; resources whose region the plan does not show count here) and the others (a failover region).
 */
function splitByRegion(resources: Json[], regions: Map<string, string>): { primary: Json[]; others: Map<string, Json[]> } {
  const regionOf = (r: Json) => regions.get(String(r.address).replace(/\[[^\]]*\]$/, ""));
  const counts = new Map<string, number>();
  for (const r of resources) {
    const region = regionOf(r);
    if (region) counts.set(region, (counts.get(region) ?? 0) + 1);
  }
  const primaryRegion = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const others = new Map<string, Json[]>();
  const primary: Json[] = [];
  for (const r of resources) {
    const region = regionOf(r);
    if (!region || region === primaryRegion) primary.push(r);
    else others.set(region, [...(others.get(region) ?? []), r]);
  }
  return { primary, others };
}

/** The failover region's channel, packaging and rules, read like the primary's. */
function failoverInventory(region: string, resources: Json[]): FailoverInventory | undefined {
  const managed = resources.filter((r) => r.mode === "managed");
  const of = (type: string) => managed.filter((r) => r.type === type).map((r) => r.values ?? {});
  const channel = of("aws_medialive_channel")[0];
  if (!channel) return undefined;
  const inputSpec = first(channel.input_specification) ?? {};
  const attachments = new Set(list(channel.input_attachments).map((a) => a.input_attachment_name));
  const encodes = encodesOfChannel(channel);
  return {
    region,
    channelClass: channel.channel_class ?? "SINGLE_PIPELINE",
    inputs: managed
      .filter((r) => r.type === "aws_medialive_input")
      .map((r, n) => ({
        // The failover region's inputs carry the primary's attachment names (the Terraform name has the _failover suffix).
        id: attachments.has(r.name) ? r.name : ([...attachments][n] ?? `input${n}`),
        resolution: (inputSpec.input_resolution ?? "HD") as ResolutionClass,
        maxMbps: MAX_MBPS[inputSpec.maximum_bitrate] ?? 20,
        push: PUSH_INPUTS.has(r.values?.type),
      })),
    encodes,
    channelOutputs: billedOutputsOfChannel(channel, encodes).channelOutputs ?? [],
    packaged: of("aws_media_packagev2_channel_group").length > 0 || managed.some((r) => r.type.startsWith("awscc_mediapackagev2")),
    eventRules: of("aws_cloudwatch_event_rule").length,
    channelLogs: (channel.log_level ?? "DISABLED") !== "DISABLED",
  };
}

/**
 * CloudFront access logs delivered to S3 (standard logging v2): a delivery source of CloudFront's ACCESS_LOGS, in
 * whichever region the plan creates it (us-east-1), and the expiration of the lifecycle configuration named like the
 * S3 delivery destination (the logs bucket's own: aws_s3_bucket_lifecycle_configuration.<name> beside
 * aws_cloudwatch_log_delivery_destination.<name>).
 */
function viewerLogsOf(resources: Json[]): Pick<Inventory, "viewerLogs"> {
  const managed = resources.filter((r) => r.mode === "managed");
  const source = managed.find((r) => r.type === "aws_cloudwatch_log_delivery_source" && r.values?.log_type === "ACCESS_LOGS");
  if (!source) return {};
  const destination = managed.find((r) => r.type === "aws_cloudwatch_log_delivery_destination");
  const lifecycle = managed.find((r) => r.type === "aws_s3_bucket_lifecycle_configuration" && r.name === destination?.name);
  const days = list(lifecycle?.values?.rule)
    .map((rule) => first(rule.expiration)?.days)
    .find((d) => typeof d === "number");
  return typeof days === "number" ? { viewerLogs: { retentionDays: days } } : {};
}

/** Full addresses of the configured resources whose configuration sets `attribute` (a constant or a reference). */
function configuredWith(p: Json, attribute: string): Set<string> {
  const found = new Set<string>();
  const walk = (module: Json | undefined, prefix: string) => {
    for (const r of module?.resources ?? []) if (r.expressions?.[attribute] !== undefined) found.add(`${prefix}${r.address}`);
    for (const [name, call] of Object.entries((module?.module_calls ?? {}) as Record<string, Json>)) walk(call.module, `${prefix}module.${name}.`);
  };
  walk(p.configuration?.root_module, "");
  return found;
}

/**
 * backend ivs: the IVS channel's type (what IVS bills input hours by; STANDARD is AWS's default) and whether it records
 * to S3: its recording_configuration_arn is known, or configured (the plan shows the attribute unknown whether it is set
 * or not, since the provider computes it, so the configuration tells them apart).
 */
function ivsOf(channel: Json, configured: boolean): Inventory["ivs"] {
  const values = channel.values ?? {};
  const known = typeof values.recording_configuration_arn === "string" && values.recording_configuration_arn !== "";
  return { channelType: values.type === "BASIC" ? "BASIC" : "STANDARD", recorded: known || configured };
}

export function inventoriesOfPlan(plan: unknown, regionOverride?: string): Inventory[] {
  const p = plan as Json;
  if (!p || typeof p !== "object" || !p.planned_values) throw new UserError("not terraform show -json output of a plan: it has no planned_values");
  const region = regionOverride ?? p.configuration?.provider_config?.aws?.expressions?.region?.constant_value ?? "us-east-1";
  const byModule = new Map<string, Json[]>();
  collect(p.planned_values.root_module, byModule);
  const inventories: Inventory[] = [];
  const regions = resourceRegions(p);
  const recordingConfigured = configuredWith(p, "recording_configuration_arn");
  for (const [address, all] of byModule) {
    const { primary: resources, others } = splitByRegion(all, regions);
    const [failover] = [...others.entries()].map(([r, rs]) => failoverInventory(r, rs)).filter((f) => f !== undefined);
    const managed = resources.filter((r) => r.mode === "managed");
    const of = (type: string) => managed.filter((r) => r.type === type).map((r) => r.values ?? {});
    const channels = of("aws_medialive_channel");
    const cdn = of("aws_cloudfront_distribution").length > 0;
    const templates = of("awscc_mediaconvert_job_template");
    const queues = of("aws_media_convert_queue").length + templates.length;
    const ivsChannel = managed.find((r) => r.type === "aws_ivs_channel");
    if (!channels.length && !cdn && !queues && !ivsChannel) continue;
    const channel = channels[0] ?? {};
    const inputSpec = first(channel.input_specification) ?? {};
    const resolution = (inputSpec.input_resolution ?? "HD") as ResolutionClass;
    const maxMbps = MAX_MBPS[inputSpec.maximum_bitrate] ?? 20;
    const attachments = new Set(list(channel.input_attachments).map((a) => a.input_attachment_name));
    const recording = channels.length ? recordingOf(channel) : undefined;
    // The recordings' lifecycle: the rule that filters on the recordings prefix.
    const recordingsRule = of("aws_s3_bucket_lifecycle_configuration")
      .flatMap((c) => list(c.rule))
      .find((r) => list(r.filter).some((f) => f.prefix === ARCHIVE_PREFIX.recordings));
    const transitions = list(recordingsRule?.transition);
    const endpoints = of("awscc_mediapackagev2_origin_endpoint");
    const renditions = templates.flatMap((t) => renditionsOfJobTemplate(t, of("awscc_mediaconvert_preset")));
    const vodSegment = templates
      .map((t) => list(settingsOf(t)?.OutputGroups).find((g) => g.Name === "HLS")?.OutputGroupSettings?.HlsGroupSettings?.SegmentLength)
      .find((s) => typeof s === "number");
    inventories.push({
      pipeline_id: address,
      region,
      channelClass: channels.length ? (channel.channel_class ?? "SINGLE_PIPELINE") : null,
      inputs: managed
        .flatMap((r) => (r.type === "aws_medialive_input" ? [{ r, type: r.values?.type }] : cloudFormationInputs(r).map((type) => ({ r, type }))))
        .map(({ r, type }, n) => ({
          id: attachments.has(r.name) ? r.name : (r.values?.name ?? `input${n}`),
          resolution,
          maxMbps,
          push: PUSH_INPUTS.has(type),
        })),
      encodes: channels.flatMap(encodesOfChannel),
      packaged:
        managed.some((r) => r.type.startsWith("awscc_mediapackagev2") || r.type === "aws_media_packagev2_channel_group") ||
        list(first(channel.encoder_settings)?.output_groups).some((g) => first(first(hlsSettingsOf(g)?.hls_cdn_settings)?.hls_basic_put_settings)),
      cdn,
      segmentSeconds: cdn ? (first(endpoints[0]?.segment)?.segment_duration_seconds ?? vodSegment ?? DEFAULT_SEGMENT_SECONDS) : DEFAULT_SEGMENT_SECONDS,
      archive: recording
        ? {
            retentionDays: first(recordingsRule?.expiration)?.days ?? 30,
            ...pricedTransitions(transitions.map((t) => ({ days: t.days, storageClass: t.storage_class }))),
            ...recording,
          }
        : null,
      vodRenditions: renditions,
      alarms: of("aws_cloudwatch_metric_alarm").length,
      secrets: of("aws_secretsmanager_secret").length + resources.filter((r) => r.mode === "data" && r.type === "aws_secretsmanager_secret_version").length,
      eventRules: of("aws_cloudwatch_event_rule").length,
      kmsKeys: of("aws_kms_key").length,
      ...(channels.length ? billedOutputsOfChannel(channel, encodesOfChannel(channel)) : { channelOutputs: [], rtmpDestinations: [] }),
      // The watch folder: a STANDARD state machine that MediaConvert jobs are started from (one Task state: two transitions a job).
      watchFolderTransitionsPerJob: queues && of("aws_sfn_state_machine").some((m) => m.type === "STANDARD") ? WATCH_FOLDER_TRANSITIONS_PER_JOB : 0,
      schedulerInvocationsPerMonth: 0,
      channelLogs: channels.length > 0 && (channel.log_level ?? "DISABLED") !== "DISABLED",
      ...captionOutputsOf(
        channels
          .flatMap((c) => list(first(c.encoder_settings)?.output_groups).flatMap((g) => list(g.outputs)))
          .filter((o) => !o.video_description_name && !list(o.audio_description_names).length && list(o.caption_description_names).length).length,
      ),
      ...drmEndpointsOf(endpoints.filter((e) => first(first(e.segment)?.encryption)).map((e) => String(e.origin_endpoint_name))),
      ...(failover ? { failover } : {}),
      ...viewerLogsOf(all),
      ...(ivsChannel ? { ivs: ivsOf(ivsChannel, recordingConfigured.has(String(ivsChannel.address).replace(/\[[^\]]*\]$/, ""))) } : {}),
      ...adInsertionOf(of("awscc_mediatailor_playback_configuration").length),
    });
  }
  return inventories;
}
