/**
 * fast-check arbitraries for random *valid* live and hybrid pipeline definitions, built from the
 * catalog so every generated definition passes validation.
 */
import fc from "fast-check";
import { loadCatalog } from "../../src/core/catalog";

const catalog = loadCatalog();
const liveRegions = Object.entries(catalog.regions)
  .filter(([, r]) => r.medialive && r.mediapackagev2)
  .map(([name]) => name);
const hdRungs = Object.entries(catalog.profiles)
  .filter(([, p]) => p.kind === "audio" || (p.height ?? 0) <= 1080)
  .map(([n]) => n);
const ladders = Object.entries(catalog.ladders)
  .filter(([, l]) => l.rungs.every((r) => hdRungs.includes(r)))
  .map(([n]) => n);

const cidr = fc
  .tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 32 }))
  .map(([a, b, bits]) => `${a}.${b}.0.0/${bits}`);

const source = fc.oneof(
  fc.constantFrom("rtmp", "obs", "elemental_link", "rtp", "mediaconnect", "url_pull", "rtmp_pull", "mp4_file", "srt"),
  // an SRT caller input decrypting with a passphrase from Secrets Manager; two listeners (the second unused, a warning, on single-pipeline channels)
  fc.record({
    type: fc.constant("srt"),
    url: fc.constant("srt://203.0.113.10:7001"),
    backup_url: fc.constant("srt://198.51.100.20:7001"),
    srt: fc.record({
      minimum_latency_ms: fc.integer({ min: 120, max: 15000 }),
      decryption: fc.record({
        algorithm: fc.constantFrom("AES128", "AES192", "AES256"),
        passphrase_secret_arn: fc.constant("arn:aws:secretsmanager:us-east-1:111122223333:secret:srt-passphrase-AbCdEf"),
      }),
    }),
  }),
  fc.record({ type: fc.constant("rtmp"), allowed_cidrs: fc.uniqueArray(cidr, { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant("url_pull"), url: fc.constant("https://origin.example.com/live/index.m3u8") }),
  fc.record({ type: fc.constant("mp4_file"), url: fc.constant("s3ssl://media-bucket/loops/test.mp4") }),
  fc.record({ type: fc.constant("elemental_link"), input_device_id: fc.constant("hd-0123456789abcdef01234567") }),
  // a standard-class Link input: one device per pipeline of a STANDARD channel (unused, a warning, on single-pipeline ones)
  fc.record({
    type: fc.constant("elemental_link"),
    input_device_id: fc.constant("hd-0123456789abcdef01234567"),
    backup_input_device_id: fc.constant("hd-1123456789abcdef01234567"),
  }),
);

const customRung = fc
  .record({
    name: fc.constantFrom("custom_a", "custom_b"),
    width: fc.integer({ min: 160, max: 960 }).map((w) => w * 2),
    fps: fc.constantFrom(25, 29.97, 30, 50, 60),
    bitrate: fc.integer({ min: 200, max: 8000 }).map((k) => k * 1000),
    codec: fc.constantFrom("h264", "h265"),
  })
  .map((r) => ({ ...r, height: Math.min(1080, Math.round((r.width * 9) / 16 / 2) * 2) }));

export const validLiveDefinition = fc
  .record({
    id: fc.stringMatching(/^[a-z][a-z0-9_]{2,20}[a-z0-9]$/),
    type: fc.constantFrom("live_stream", "hybrid"),
    sources: fc.uniqueArray(source, { minLength: 1, maxLength: 2, selector: (s) => (typeof s === "string" ? s : s.type) }),
    profiles: fc.uniqueArray(fc.constantFrom(...hdRungs, ...ladders), { minLength: 1, maxLength: 4 }),
    custom: fc.option(customRung, { nil: undefined }),
    outputs: fc.subarray(["cloudfront", "youtube", "s3_archive", "rtmps://live.example.com/app"], { minLength: 1 }),
    region: fc.constantFrom(...liveRegions),
    tier: fc.constantFrom("development", "standard", "enterprise", "staging", "production"),
    access: fc.constantFrom("public", "private"),
    lowLatency: fc.boolean(),
    packaging: fc.subarray(["hls", "dash", "cmaf"], { minLength: 1 }),
  })
  .map((r) => {
    const outputs = r.access === "private" && !r.outputs.includes("cloudfront") ? ["cloudfront", ...r.outputs] : r.outputs;
    const transcode: unknown[] = [...r.profiles];
    if (r.custom && !r.profiles.includes(r.custom.name)) transcode.push(r.custom);
    // Simulcast needs an H.264 rung up to 1080p (rule BMF-SIMULCAST-RUNG); give it one when the draw has none.
    const simulcast = outputs.some((o) => o === "youtube" || o.startsWith("rtmp"));
    const hasAvc = r.profiles.some((n) => (catalog.ladders[n]?.rungs ?? [n]).some((x) => catalog.profiles[x]?.codec === "h264")) || r.custom?.codec === "h264";
    if (simulcast && !hasAvc && !r.profiles.includes("720p")) transcode.push("720p");
    // Both pipelines of a STANDARD channel publish: a generic RTMP output there needs its backup ingest (BMF-SIMULCAST-BACKUP).
    const standard = catalog.tiers[catalog.tier_aliases[r.tier] ?? r.tier]?.channel_class === "STANDARD";
    const withBackups = outputs.map((o) => (standard && o.startsWith("rtmp") ? { type: "rtmp", url: o, backup_url: "rtmps://backup.example.com/app" } : o));
    return {
      pipeline_id: r.id,
      pipeline_type: r.type,
      sources: r.sources,
      transcode_profiles: transcode,
      outputs: withBackups,
      region: r.region,
      tier: r.tier,
      access: r.access,
      low_latency: r.lowLatency,
      packaging: r.packaging,
    };
  });
