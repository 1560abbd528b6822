/**
 * Resolves a valid definition against the catalog into a ResolvedPipeline: names become settings,
 * defaults are filled in, ids are assigned. Everything downstream reads only the resolved form.
 */
import type {
  Automation,
  CustomRung,
  DrmSettings,
  OutputSettings,
  PipelineDefinition,
  SecretReference,
  SourceSettings,
  SrtCallerSettings,
} from "../types/pipeline.generated";
import type { MediaCatalog } from "../types/catalog.generated";
import type {
  ResolvedAutomation,
  ResolvedDrm,
  ResolvedEventTarget,
  ResolvedOutput,
  ResolvedPipeline,
  ResolvedRung,
  ResolvedSource,
  SecretRef,
} from "../types/resolved-pipeline.generated";
import { canonicalSource, canonicalTier, expandProfileNames } from "./catalog";

export type { ResolvedPipeline, ResolvedRung, ResolvedSource, ResolvedOutput, SecretRef };

/** Retentions an archived stream can be given (`blackwell media archive --retention`), one lifecycle rule each. */
export const DEFAULT_ARCHIVE_RETENTION_CHOICES = [7, 30, 90, 365, 1825];

const FRAMERATES: Record<string, [number, number]> = {
  "23.976": [24000, 1001],
  "24": [24, 1],
  "25": [25, 1],
  "29.97": [30000, 1001],
  "30": [30, 1],
  "50": [50, 1],
  "59.94": [60000, 1001],
  "60": [60, 1],
};

export function framerateOf(fps: number): [number, number] {
  return FRAMERATES[String(fps)] ?? [Math.round(fps), 1];
}

function customRung(r: CustomRung): ResolvedRung {
  const fps = r.fps ?? 30;
  const codec = r.codec ?? "h264";
  const [num, den] = framerateOf(fps);
  return {
    name: r.name,
    kind: "video",
    width: r.width,
    height: r.height,
    bitrate: r.bitrate,
    qvbr_quality: r.qvbr_quality ?? (r.height >= 1080 ? 8 : r.height >= 720 ? 7 : 6),
    fps,
    framerate_numerator: num,
    framerate_denominator: den,
    codec,
    profile: r.profile ?? (codec === "h265" ? "main" : r.height >= 720 ? "high" : "main"),
    gop_seconds: r.gop_seconds ?? 2,
    audio_bitrate: r.audio_bitrate ?? (r.height >= 720 ? 128000 : 96000),
  };
}

function catalogRung(catalog: MediaCatalog, name: string): ResolvedRung {
  const p = catalog.profiles[name];
  if (!p) throw new Error(`catalog has no profile '${name}' (validation should have caught this)`);
  if (p.kind === "audio") return { name, kind: "audio", audio_bitrate: p.audio_bitrate };
  const fps = p.fps ?? 30;
  const [num, den] = framerateOf(fps);
  const codec = p.codec ?? "h264";
  return {
    name,
    kind: "video",
    width: p.width,
    height: p.height,
    bitrate: p.bitrate,
    qvbr_quality: p.qvbr_quality,
    fps,
    framerate_numerator: num,
    framerate_denominator: den,
    codec,
    profile: p.profile ?? "main",
    gop_seconds: p.gop_seconds ?? 2,
    audio_bitrate: p.audio_bitrate,
  };
}

/** Video rungs tallest first (then highest bitrate), audio-only last: the order players and reviewers expect. */
export function orderRungs(rungs: ResolvedRung[]): ResolvedRung[] {
  return [...rungs].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === "video" ? -1 : 1;
    return (b.height ?? 0) - (a.height ?? 0) || (b.bitrate ?? 0) - (a.bitrate ?? 0) || a.name.localeCompare(b.name);
  });
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}

function secretRef(ref: SecretReference | undefined, fallbackVariable: string): SecretRef {
  if (ref?.secrets_manager_arn) return { kind: "secrets_manager", ref: ref.secrets_manager_arn };
  if (ref?.ssm_parameter) return { kind: "ssm_parameter", ref: ref.ssm_parameter };
  return { kind: "variable", ref: ref?.variable ?? fallbackVariable };
}

/** An SRT caller's settings as the plan needs them (BMF-SRT-DECRYPTION has checked the algorithm). */
function resolveSrtCaller(srt: SrtCallerSettings | undefined): NonNullable<ResolvedSource["srt"]> {
  const out: NonNullable<ResolvedSource["srt"]> = {};
  if (srt?.stream_id !== undefined) out.stream_id = srt.stream_id;
  if (srt?.minimum_latency_ms !== undefined) out.minimum_latency_ms = srt.minimum_latency_ms;
  const d = srt?.decryption;
  if (d)
    out.decryption = {
      algorithm: d.algorithm as "AES128" | "AES192" | "AES256",
      ...(d.passphrase_secret_arn ? { passphrase_secret_arn: d.passphrase_secret_arn } : {}),
      ...(d.kms_key_arn ? { kms_key_arn: d.kms_key_arn } : {}),
    };
  return out;
}

function resolveSources(def: PipelineDefinition, catalog: MediaCatalog): ResolvedSource[] {
  const taken = new Set<string>(def.sources.flatMap((s) => (typeof s === "object" && s.id ? [s.id] : [])));
  return def.sources.map((raw) => {
    const s: SourceSettings = typeof raw === "string" ? { type: raw } : raw;
    const kind = canonicalSource(catalog, s.type) as ResolvedSource["kind"];
    const facts = catalog.sources[kind];
    const resolved: ResolvedSource = {
      id: s.id ?? uniqueId(kind, taken),
      kind,
      live: facts.live,
      push: facts.push,
      input_type: facts.medialive_input_type ?? null,
      allowed_cidrs: facts.push ? [...(s.allowed_cidrs ?? [])] : [],
      allow_open_ingest: s.allow_open_ingest ?? false,
    };
    if (s.url) resolved.url = s.url;
    if (s.backup_url) resolved.backup_url = s.backup_url;
    if (kind === "rtmp") resolved.stream_name = s.stream_name ?? `live/${resolved.id}`;
    if (s.input_device_id) resolved.input_device_id = s.input_device_id;
    if (s.backup_input_device_id) resolved.backup_input_device_id = s.backup_input_device_id;
    if (s.flow_arns) resolved.flow_arns = [...s.flow_arns];
    resolved.max_resolution = s.max_resolution ?? "HD";
    if (s.max_bitrate) resolved.max_bitrate = s.max_bitrate;
    if (kind === "srt") resolved.srt = resolveSrtCaller(s.srt);
    return resolved;
  });
}

function resolveOutputs(def: PipelineDefinition, catalog: MediaCatalog, tierRetention: number): ResolvedOutput[] {
  const taken = new Set<string>(def.outputs.flatMap((o) => (typeof o === "object" && o.id ? [o.id] : [])));
  return def.outputs.map((raw) => {
    const o: OutputSettings = typeof raw === "string" ? (/^rtmps?:\/\//.test(raw) ? { type: "rtmp", url: raw } : { type: raw as OutputSettings["type"] }) : raw;
    const id = o.id ?? uniqueId(o.type, taken);
    const out: ResolvedOutput = { id, type: o.type, kind: catalog.outputs[o.type].kind };
    if (out.kind === "rtmp_push") {
      out.url = o.url ?? catalog.outputs[o.type].default_url!;
      const backup = o.backup_url ?? (o.url ? undefined : catalog.outputs[o.type].backup_url);
      if (backup) out.backup_url = backup;
      out.stream_key = secretRef(o.stream_key, `${id}_stream_key`);
    }
    if (out.kind === "archive") {
      out.retention_days = o.retention_days ?? tierRetention;
      if (o.transition_to_ia_days !== undefined) out.transition_to_ia_days = o.transition_to_ia_days;
      if (o.transition_to_glacier_days !== undefined) out.transition_to_glacier_days = o.transition_to_glacier_days;
      out.archive_retention_choices_days = [...(o.archive_retention_choices_days ?? DEFAULT_ARCHIVE_RETENTION_CHOICES)].sort((a, b) => a - b);
    }
    if (out.kind === "cdn" && o.price_class) out.price_class = o.price_class;
    return out;
  });
}

/** The definition's rungs (catalog names and ladders expanded, custom rungs completed with defaults), in order. */
export function resolveRungs(def: PipelineDefinition, catalog: MediaCatalog): ResolvedRung[] {
  const names = def.transcode_profiles.filter((p): p is string => typeof p === "string");
  return orderRungs([
    ...expandProfileNames(catalog, names).map((n) => catalogRung(catalog, n)),
    ...def.transcode_profiles.filter((p): p is CustomRung => typeof p === "object").map(customRung),
  ]);
}

/** Minutes before a scheduled window that the channel is started: MediaLive needs about 1-2 minutes to start. */
export const DEFAULT_START_LEAD_MINUTES = 5;

function resolveAutomation(a: Automation): ResolvedAutomation {
  const out: ResolvedAutomation = { notify: { emails: [...(a.notify?.emails ?? [])] } };
  if (a.notify?.sns_topic_arn) out.notify.sns_topic_arn = a.notify.sns_topic_arn;
  if (a.scale_down_after_hours !== undefined) out.scale_down_after_hours = a.scale_down_after_hours;
  if (a.max_cost_per_month !== undefined) out.max_cost_per_month = a.max_cost_per_month;
  if (a.stop_channel_over_budget) out.stop_channel_over_budget = true;
  if (a.archive_after_days !== undefined) {
    out.archive_after_days = a.archive_after_days;
    out.archive_storage_class = a.archive_storage_class ?? "GLACIER_IR";
  }
  if (a.schedule)
    out.schedule = {
      timezone: a.schedule.timezone,
      start_lead_minutes: a.schedule.start_lead_minutes ?? DEFAULT_START_LEAD_MINUTES,
      weekly: (a.schedule.weekly ?? []).map((w) => ({ days: [...w.days], start: w.start, end: w.end })),
      events: (a.schedule.events ?? []).map((e, i) => ({ name: e.name ?? `event-${i + 1}`, start: e.start, end: e.end })),
      ...(a.schedule.cron ? { cron: a.schedule.cron.map((c, i) => ({ name: c.name ?? `cron-${i + 1}`, start: c.start, stop: c.stop })) } : {}),
    };
  return out;
}

export function humanTitle(pipelineId: string): string {
  return pipelineId
    .split(/[-_]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

export function resolvePipeline(def: PipelineDefinition, catalog: MediaCatalog): ResolvedPipeline {
  const type = catalog.pipeline_types[def.pipeline_type];
  const tierName = canonicalTier(catalog, def.tier) as ResolvedPipeline["tier"];
  const tier = catalog.tiers[tierName];
  const rungs = resolveRungs(def, catalog);
  const outputs = resolveOutputs(def, catalog, tier.archive_retention_days);
  const archive = outputs.find((o) => o.kind === "archive");
  const usageFrom: Record<string, "definition" | "tier_default"> = {};
  const usageValue = <K extends keyof typeof tier.default_usage>(key: K) => {
    const fromDef = def.usage?.[key];
    usageFrom[key] = fromDef === undefined ? "tier_default" : "definition";
    return fromDef ?? tier.default_usage[key];
  };
  const resolved: ResolvedPipeline = {
    pipeline_id: def.pipeline_id,
    title: def.title ?? humanTitle(def.pipeline_id),
    pipeline_type: def.pipeline_type,
    live: type.live,
    vod: type.vod,
    region: def.region,
    ...(def.failover_region ? { failover_region: def.failover_region } : {}),
    tier: tierName,
    tier_settings: {
      channel_class: tier.channel_class,
      log_level: tier.log_level,
      cdn_price_class: tier.cdn_price_class,
      alarms: tier.alarms,
      archive_retention_days: tier.archive_retention_days,
    },
    access: def.access ?? "public",
    integration: def.integration ?? "none",
    low_latency: def.low_latency ?? false,
    ...(def.backend === "ivs" ? { backend: "ivs" as const } : {}),
    // IVS serves HLS only (its rules refuse a packaging list).
    packaging: def.backend === "ivs" ? ["hls"] : [...(def.packaging ?? ["hls", "dash", "cmaf"])],
    sources: resolveSources(def, catalog),
    rungs,
    outputs,
    vod_settings: {
      thumbnails: def.vod?.thumbnails ?? false,
      input_prefix: def.vod?.input_prefix ?? "incoming/",
      source_retention_days: def.vod?.source_retention_days ?? 30,
      output_retention_days: def.vod?.output_retention_days ?? tier.archive_retention_days,
      accelerated: def.vod?.accelerated ?? false,
      ...(def.vod?.sidecar_captions
        ? {
            sidecar_captions: {
              format: def.vod.sidecar_captions.format,
              language_code: def.vod.sidecar_captions.language_code,
              name: def.vod.sidecar_captions.name ?? def.vod.sidecar_captions.language_code,
            },
          }
        : {}),
    },
    usage: {
      live_hours_per_month: usageValue("live_hours_per_month"),
      viewers: usageValue("viewers"),
      watch_minutes_per_viewer: usageValue("watch_minutes_per_viewer"),
      watched_bitrate_kbps: usageValue("watched_bitrate_kbps"),
      vod_minutes_per_month: usageValue("vod_minutes_per_month"),
      vod_views_per_month: usageValue("vod_views_per_month"),
      archive_days: def.usage?.archive_days ?? archive?.retention_days ?? 0,
      from: usageFrom,
    },
    tags: { ...(def.tags ?? {}) },
  };
  resolved.usage.from.archive_days = def.usage?.archive_days !== undefined ? "definition" : "tier_default";
  if (def.description) resolved.description = def.description;
  if (def.client_id) resolved.client_id = def.client_id;
  if (def.automation) resolved.automation = resolveAutomation(def.automation);
  // SCTE-35 passes through only when the definition asks: an ad_markers section, not switched off.
  if (def.ad_markers && def.ad_markers.scte35_passthrough !== false) resolved.ad_markers = { dash: def.ad_markers.dash ?? "XML" };
  if (def.ad_insertion) resolved.ad_insertion = resolveAdInsertion(def);
  if (def.integration === "ecommerce") resolved.ecommerce = { shop_origins: [...(def.ecommerce?.shop_origins ?? [])] };
  // The tier's default applies only where there are CloudFront logs to keep; the definition's own setting wins either way.
  const hasCdn = def.backend !== "ivs" && outputs.some((o) => o.kind === "cdn");
  if (def.analytics?.viewer_logs ?? (hasCdn && tier.viewer_logs)) resolved.viewer_logs = { retention_days: def.analytics?.log_retention_days ?? 90 };
  if (def.slate) resolved.slate = { fade_ms: def.slate.fade_ms ?? 500 };
  if (def.clips) resolved.clips = true;
  const events = resolveEvents(def);
  if (events) resolved.events = events;
  if (def.drm) resolved.drm = resolveDrm(def.drm, def.pipeline_id);
  if (def.captions)
    resolved.captions = {
      mode: def.captions.mode ?? "webvtt",
      languages: def.captions.languages.map((l) => ({ channel: l.channel, language_code: l.language_code, name: l.name ?? l.language_code })),
    };
  return resolved;
}

/** Ads MediaTailor inserts per viewer-hour when usage.ads_per_viewer_hour is not set: two breaks of four 30-second ads an hour (an assumption the estimate prints). */
export const DEFAULT_ADS_PER_VIEWER_HOUR = 8;

/** The ad_insertion section, with the cost estimate's ads-per-viewer-hour assumption. */
function resolveAdInsertion(def: PipelineDefinition): ResolvedPipeline["ad_insertion"] {
  const a = def.ad_insertion!;
  return {
    ad_decision_server_url: a.ad_decision_server_url,
    ...(a.slate_ad_url ? { slate_ad_url: a.slate_ad_url } : {}),
    ...(a.personalization_threshold_seconds !== undefined ? { personalization_threshold_seconds: a.personalization_threshold_seconds } : {}),
    ads_per_viewer_hour: def.usage?.ads_per_viewer_hour ?? DEFAULT_ADS_PER_VIEWER_HOUR,
    ads_per_viewer_hour_from: def.usage?.ads_per_viewer_hour !== undefined ? "definition" : "default",
  };
}

const ALL_EVENT_TYPES: ResolvedEventTarget["event_types"] = [
  "stream.started",
  "stream.ended",
  "transcode.completed",
  "transcode.failed",
  "archive.created",
  "channel.auto_stopped",
];

/**
 * The events section with its defaults; absent (and the module as before) without one, unless the
 * integration is ecommerce, which needs the live-status document the section turns on.
 */
function resolveEvents(def: PipelineDefinition): ResolvedPipeline["events"] {
  const e = def.events ?? (def.integration === "ecommerce" ? {} : undefined);
  if (!e) return undefined;
  const counts: Record<string, number> = {};
  const targets = (e.targets ?? []).map((t): ResolvedEventTarget => {
    const base = t.kind === "event_bus" ? "bus" : "webhook";
    counts[base] = (counts[base] ?? 0) + 1;
    const name = t.name ?? (counts[base] === 1 ? base : `${base}_${counts[base]}`);
    // EventBridge's own defaults (185 attempts over 24 hours) unless the definition says otherwise.
    const retry = { maximum_retry_attempts: t.retry?.maximum_retry_attempts ?? 185, maximum_event_age_seconds: t.retry?.maximum_event_age_seconds ?? 86400 };
    const event_types = [...(t.event_types ?? ALL_EVENT_TYPES)];
    if (t.kind === "event_bus") return { kind: "event_bus", name, event_bus_arn: t.event_bus_arn, event_types, retry };
    const auth = t.auth.type === "api_key" ? { type: t.auth.type, header: t.auth.header ?? "x-api-key" } : { ...t.auth };
    return { kind: "webhook", name, url: t.url, auth, rate_limit_per_second: t.rate_limit_per_second ?? 10, event_types, retry };
  });
  return { client_id: e.client_id ?? def.client_id ?? def.pipeline_id, live_status: e.live_status ?? def.integration === "ecommerce", targets };
}

/** The drm section with the content id the key server gets (default: the pipeline id); absent without one. */
function resolveDrm(drm: DrmSettings, pipelineId: string): ResolvedDrm {
  const systems: ResolvedDrm["systems"] = {};
  for (const format of ["hls", "dash", "cmaf"] as const) if (drm.systems[format]) systems[format] = [...drm.systems[format]];
  return {
    key_server_url: drm.key_server_url,
    role_arn: drm.role_arn,
    ...(drm.certificate_arn ? { certificate_arn: drm.certificate_arn } : {}),
    resource_id: drm.resource_id ?? pipelineId,
    ...(drm.key_rotation_interval_seconds !== undefined ? { key_rotation_interval_seconds: drm.key_rotation_interval_seconds } : {}),
    systems,
    license_urls: { ...(drm.license_urls ?? {}) },
  };
}
