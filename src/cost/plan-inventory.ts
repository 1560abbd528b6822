/**
 * Reads the media resources out of `terraform show -json` output, module by module, into
 * Inventories the estimator prices. Works on any plan, not only modules this tool generated.
 */
import { UserError } from "../core/problems";
import type { Encode, Inventory, ResolutionClass } from "./inventory";
import { resolutionClass } from "./inventory";

import type { Json } from "../types/json";

const first = (v: unknown): Json | undefined => (Array.isArray(v) ? v[0] : v && typeof v === "object" ? (v) : undefined);
const PUSH_INPUTS = new Set(["RTMP_PUSH", "RTP_PUSH", "UDP_PUSH"]);

function collect(module: Json | undefined, out: Map<string, Json[]>): void {
  if (!module) return;
  const address = module.address ?? "root";
  for (const r of module.resources ?? []) {
    if (r.mode !== "managed") continue;
    if (!out.has(address)) out.set(address, []);
    out.get(address)!.push(r);
  }
  for (const child of module.child_modules ?? []) collect(child, out);
}

function encodesOfChannel(values: Json): Encode[] {
  const es = first(values.encoder_settings) ?? {};
  const encodes: Encode[] = [];
  for (const vd of es.video_descriptions ?? []) {
    const codec = first(vd.codec_settings) ?? {};
    const h265 = first(codec.h265_settings);
    const settings = h265 ?? first(codec.h264_settings) ?? {};
    const fps = settings.framerate_denominator ? settings.framerate_numerator / settings.framerate_denominator : 30;
    encodes.push({
      name: vd.name,
      kind: "video",
      resolution: resolutionClass(vd.height ?? 1080),
      codec: h265 ? "HEVC" : "AVC",
      fps: fps > 30 ? 60 : 30,
      kbps: ((settings.max_bitrate ?? settings.bitrate ?? 5_000_000) + 128_000) / 1000,
    });
  }
  const audioOnly = (es.output_groups ?? []).flatMap((g: Json) => g.outputs ?? []).filter((o: Json) => !o.video_description_name && first(first(first(o.output_settings)?.hls_output_settings)?.hls_settings)?.audio_only_hls_settings);
  const names = new Set(audioOnly.map((o: Json) => (o.audio_description_names ?? [])[0]));
  for (const n of names) encodes.push({ name: String(n), kind: "audio", kbps: 96 });
  return encodes;
}

export function inventoriesOfPlan(plan: unknown, regionOverride?: string): Inventory[] {
  const p = plan as Json;
  if (!p || typeof p !== "object" || !p.planned_values) throw new UserError("not terraform show -json output of a plan: it has no planned_values");
  const region = regionOverride ?? p.configuration?.provider_config?.aws?.expressions?.region?.constant_value ?? "us-east-1";
  const byModule = new Map<string, Json[]>();
  collect(p.planned_values.root_module, byModule);
  const inventories: Inventory[] = [];
  for (const [address, resources] of byModule) {
    const of = (type: string) => resources.filter((r) => r.type === type).map((r) => r.values ?? {});
    const channels = of("aws_medialive_channel");
    const buckets = of("aws_s3_bucket_lifecycle_configuration");
    const cdn = of("aws_cloudfront_distribution").length > 0;
    const queues = of("aws_media_convert_queue").length + of("awscc_mediaconvert_job_template").length;
    if (!channels.length && !cdn && !queues) continue;
    const channel = channels[0] ?? {};
    const inputSpec = first(channel.input_specification) ?? {};
    const resolution = (inputSpec.input_resolution ?? "HD") as ResolutionClass;
    const maxMbps = inputSpec.maximum_bitrate === "MAX_10_MBPS" ? 10 : inputSpec.maximum_bitrate === "MAX_50_MBPS" ? 50 : 20;
    const rule = first(first(buckets[0])?.rule) ?? {};
    const transitions = (rule.transition ?? []) as Json[];
    const encodes = channels.flatMap(encodesOfChannel);
    inventories.push({
      pipeline_id: address,
      region,
      channelClass: channels.length ? (channel.channel_class ?? "SINGLE_PIPELINE") : null,
      inputs: of("aws_medialive_input").map((i, n) => ({ id: i.name ?? `input${n}`, resolution, maxMbps, push: PUSH_INPUTS.has(i.type) })),
      encodes,
      packaged: resources.some((r) => r.type.startsWith("awscc_mediapackagev2") || r.type === "aws_media_packagev2_channel_group"),
      cdn,
      segmentSeconds: 6,
      archive: buckets.length && channels.length
        ? { retentionDays: first(rule.expiration)?.days ?? 30, iaAfterDays: transitions.find((t) => t.storage_class === "STANDARD_IA")?.days, glacierIrAfterDays: transitions.find((t) => t.storage_class === "GLACIER_IR")?.days }
        : null,
      vodRenditions: queues ? encodes : [],
      alarms: of("aws_cloudwatch_metric_alarm").length,
      secrets: of("aws_secretsmanager_secret").length,
      eventRules: of("aws_cloudwatch_event_rule").length,
    });
  }
  return inventories;
}
