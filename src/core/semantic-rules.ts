/**
 * Checks beyond what JSON Schema can say, as a list of named rules (id, what it protects, check).
 * Each rule sees a schema-valid definition and the catalog, and returns its findings.
 */
import type { PipelineDefinition, SourceSettings, OutputSettings } from "../types/pipeline.generated";
import type { MediaCatalog } from "../types/catalog.generated";
import { MAX_HEIGHT_BY_RESOLUTION, canonicalSource, canonicalTier, expandProfileNames, isKnownProfileOrLadder, profileAndLadderNames } from "./catalog";
import { Problem, Severity, didYouMean, jsonPath } from "./problems";
import { resolveRungs } from "./resolve";
// A pure, dependency-free table lookup; the encoder uses the same function, so what is refused here is what the generator could not encode.
import { codecLevel, rungFormat } from "./codec-levels";
import { AUTOMATION_RULES } from "./automation-rules";
import { DRM_RULES } from "./drm-rules";
import { SRT_RULES } from "./srt-rules";
import { CAPTIONS_RULES } from "./captions-rules";
import { IVS_RULES } from "./ivs-rules";
import { AD_INSERTION_RULES } from "./ad-insertion-rules";
import { coversWholeInternet } from "./cidr";

export interface Finding {
  path: Array<string | number>;
  message: string;
  severity?: Severity;
  suggestion?: string;
}

export interface SemanticRule {
  id: string;
  description: string;
  check(def: PipelineDefinition, catalog: MediaCatalog): Finding[];
}

const sourceKind = (catalog: MediaCatalog, s: string | SourceSettings) => canonicalSource(catalog, typeof s === "string" ? s : s.type);
const sourceSettings = (s: string | SourceSettings): SourceSettings => (typeof s === "string" ? { type: s as SourceSettings["type"] } : s);
const outputType = (o: string | OutputSettings) => (typeof o === "string" ? (/^rtmps?:\/\//.test(o) ? "rtmp" : o) : o.type);

export const SEMANTIC_RULES: SemanticRule[] = [
  {
    id: "BMF-UNKNOWN-PROFILE",
    description: "Transcode profile names must exist in the catalog.",
    check(def, catalog) {
      return def.transcode_profiles.flatMap((p, i) =>
        typeof p === "string" && !isKnownProfileOrLadder(catalog, p)
          ? [
              {
                path: ["transcode_profiles", i],
                message: `unknown transcode profile '${p}'; see blackwell media list-profiles`,
                suggestion: didYouMean(p, profileAndLadderNames(catalog)),
              },
            ]
          : [],
      );
    },
  },
  {
    id: "BMF-DUPLICATE-ID",
    description: "Source ids, output ids and rung names are unique within a pipeline.",
    check(def) {
      const findings: Finding[] = [];
      const dup = (items: Array<{ key: string | undefined; path: Array<string | number> }>, what: string) => {
        const seen = new Map<string, number>();
        items.forEach(({ key, path }) => {
          if (key === undefined) return;
          if (seen.has(key)) findings.push({ path, message: `duplicate ${what} '${key}' (first used at index ${seen.get(key)})` });
          else seen.set(key, path[1] as number);
        });
      };
      dup(
        def.sources.map((s, i) => ({ key: typeof s === "string" ? undefined : s.id, path: ["sources", i, "id"] })),
        "source id",
      );
      dup(
        def.outputs.map((o, i) => ({ key: typeof o === "object" ? o.id : undefined, path: ["outputs", i, "id"] })),
        "output id",
      );
      dup(
        def.transcode_profiles.map((p, i) => ({ key: typeof p === "string" ? p : p.name, path: ["transcode_profiles", i] })),
        "transcode profile",
      );
      return findings;
    },
  },
  {
    id: "BMF-PIPELINE-TYPE-SOURCES",
    description: "vod_processing takes file sources only; live_stream and hybrid need a live source.",
    check(def, catalog) {
      const live = catalog.pipeline_types[def.pipeline_type]?.live;
      const findings: Finding[] = [];
      def.sources.forEach((s, i) => {
        const kind = sourceKind(catalog, s);
        const isLive = catalog.sources[kind]?.live;
        if (!live && isLive)
          findings.push({ path: ["sources", i], message: `a vod_processing pipeline cannot take the live source '${kind}'; use 's3' or make it hybrid` });
        if (live && !isLive)
          findings.push({
            path: ["sources", i],
            message: `'${kind}' is not a live source; a ${def.pipeline_type} pipeline ingests live (rtmp, elemental_link, mediaconnect, ...)`,
          });
      });
      return findings;
    },
  },
  {
    id: "BMF-REGION-SERVICES",
    description: "The region must offer the AWS media services the pipeline uses.",
    check(def, catalog) {
      const type = catalog.pipeline_types[def.pipeline_type];
      const regions = [def.region, ...(def.failover_region ? [def.failover_region] : [])];
      return regions.flatMap((region, i) => {
        const path = i === 0 ? ["region"] : ["failover_region"];
        const facts = catalog.regions[region];
        if (!facts) return [{ path, message: `unknown or unsupported region '${region}'`, suggestion: didYouMean(region, Object.keys(catalog.regions)) }];
        const missing: string[] = [];
        if (type?.live && !facts.medialive) missing.push("MediaLive");
        if (type?.live && !facts.mediapackagev2) missing.push("MediaPackage v2");
        if (type?.vod && !facts.mediaconvert) missing.push("MediaConvert");
        return missing.length
          ? [{ path, message: `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not offered in ${region} (${facts.name})` }]
          : [];
      });
    },
  },
  {
    id: "BMF-FAILOVER-REGION",
    description:
      "A failover region doubles a live origin behind CloudFront: a live pipeline with a cloudfront output, a region other than the primary, and sources a channel in another region can take (not a Link device, a MediaConnect flow or an SRT passphrase secret, which belong to one region).",
    check(def, catalog) {
      const findings: Finding[] = [];
      if (def.extra_regions)
        findings.push({
          path: ["extra_regions"],
          message: `extra_regions is replaced by failover_region, one region holding a redundant origin${def.extra_regions.length ? ` (write "failover_region": "${def.extra_regions[0]}")` : ""}`,
        });
      const region = def.failover_region;
      if (!region) return findings;
      if (region === def.region) findings.push({ path: ["failover_region"], message: `failover_region must differ from region (${def.region})` });
      if (!catalog.pipeline_types[def.pipeline_type]?.live)
        findings.push({
          path: ["failover_region"],
          message: `a ${def.pipeline_type} pipeline has no live origin to make redundant; failover_region applies to live_stream and hybrid`,
        });
      if (!def.outputs.some((o) => outputType(o) === "cloudfront"))
        findings.push({
          path: ["failover_region"],
          message: "the failover is a CloudFront origin group in front of both regions' MediaPackage endpoints; add cloudfront to outputs",
        });
      def.sources.forEach((s, i) => {
        const kind = sourceKind(catalog, s);
        const bound = {
          elemental_link: "a Link device feeds channels",
          mediaconnect: "a MediaConnect flow feeds channels",
          srt: "an SRT input's passphrase secret serves",
        }[kind];
        if (bound)
          findings.push({
            path: ["sources", i],
            message: `${bound} of its own region only, so a channel in ${region} cannot take '${kind}'; use a source both regions can reach (rtmp, rtp, rtmp_pull, url_pull, mp4_file)`,
          });
      });
      return findings;
    },
  },
  {
    id: "BMF-VIEWER-LOGS",
    description: "Viewer analytics need a CloudFront output (its access logs are what they read).",
    check(def) {
      if (!def.analytics?.viewer_logs) return [];
      if (def.outputs.some((o) => outputType(o) === "cloudfront")) return [];
      return [
        {
          path: ["analytics", "viewer_logs"],
          message: "viewer logs are CloudFront's access logs: add the cloudfront output, or turn viewer_logs off",
        },
      ];
    },
  },
  {
    id: "BMF-SOURCE-SETTINGS",
    description: "Source settings apply to the source kind (missing device ids and URLs become module variables).",
    check(def, catalog) {
      const findings: Finding[] = [];
      def.sources.forEach((raw, i) => {
        const s = sourceSettings(raw);
        const kind = catalog.sources[canonicalSource(catalog, s.type)];
        if (!kind) return;
        if (!kind.push && (s.allowed_cidrs || s.allow_open_ingest))
          findings.push({
            path: ["sources", i, s.allowed_cidrs ? "allowed_cidrs" : "allow_open_ingest"],
            message: `'${s.type}' is not pushed to AWS, so ingest CIDRs do not apply`,
          });
        if (s.backup_input_device_id && canonicalSource(catalog, s.type) !== "elemental_link")
          findings.push({ path: ["sources", i, "backup_input_device_id"], message: "backup_input_device_id applies to elemental_link sources only" });
        if (s.srt && canonicalSource(catalog, s.type) !== "srt")
          findings.push({ path: ["sources", i, "srt"], message: `srt settings apply to srt sources only; this source is '${s.type}'` });
        if (s.stream_name && canonicalSource(catalog, s.type) !== "rtmp")
          findings.push({ path: ["sources", i, "stream_name"], message: "stream_name applies to rtmp push sources only" });
        for (const key of ["url", "backup_url"] as const) {
          const url = s[key];
          if (!url) continue;
          // srt URLs are checked by BMF-SRT-LISTENER (srt://<IPv4>:<port>).
          const ok = { rtmp_pull: /^rtmps?:\/\//, url_pull: /^https?:\/\//, mp4_file: /^(s3|s3ssl|https?):\/\// }[canonicalSource(catalog, s.type)];
          if (ok && !ok.test(url))
            findings.push({ path: ["sources", i, key], message: `'${url}' is not a valid ${s.type} URL (expected ${ok.source.replace(/[\\^]/g, "")})` });
        }
      });
      return findings;
    },
  },
  {
    id: "BMF-PROVIDER-GAP",
    description: "Sources the Terraform AWS provider cannot create are refused with the reason.",
    check(def, catalog) {
      return def.sources.flatMap((s, i) => {
        const kind = catalog.sources[sourceKind(catalog, s)];
        return kind && kind.supported_by_provider === false
          ? [{ path: ["sources", i], message: `'${sourceKind(catalog, s)}' cannot be generated: ${kind.gap}` }]
          : [];
      });
    },
  },
  {
    id: "BMF-INPUT-CLASS",
    description:
      "Inputs match the channel class (a STANDARD channel takes standard-class inputs: one Link device or MediaConnect flow per pipeline), so an automatic input failover pair is of one class.",
    check(def, catalog) {
      const standard = catalog.tiers[canonicalTier(catalog, def.tier)]?.channel_class === "STANDARD";
      const findings: Finding[] = [];
      def.sources.forEach((raw, i) => {
        const s = sourceSettings(raw);
        const kind = canonicalSource(catalog, s.type);
        if (kind === "elemental_link" && s.backup_input_device_id) {
          if (!standard)
            findings.push({
              path: ["sources", i, "backup_input_device_id"],
              severity: "warning",
              message: `a ${def.tier} pipeline runs a single-pipeline channel, which takes a one-device (single-class) Link input; backup_input_device_id is unused`,
            });
          else if (s.backup_input_device_id === s.input_device_id)
            findings.push({
              path: ["sources", i, "backup_input_device_id"],
              message: "a standard-class Link input needs two different devices, one per pipeline; backup_input_device_id repeats input_device_id",
            });
        }
        if (kind === "mediaconnect" && s.flow_arns) {
          if (standard && s.flow_arns.length !== 2)
            findings.push({
              path: ["sources", i, "flow_arns"],
              message: `a ${def.tier} pipeline runs a STANDARD channel, which takes only standard-class inputs: give two MediaConnect flow ARNs, one per pipeline (flows in two Availability Zones)`,
            });
          if (!standard && s.flow_arns.length === 2 && def.sources.length > 1)
            findings.push({
              path: ["sources", i, "flow_arns"],
              message: `two flows make a standard-class input, and the other source of this ${def.tier} (single-pipeline) channel is single-class: an automatic input failover pair must be of one class; give one flow ARN`,
            });
        }
      });
      return findings;
    },
  },
  {
    id: "BMF-OPEN-INGEST",
    description: "An ingest endpoint open to the whole internet (0.0.0.0/0, or ranges that add up to it) needs an explicit opt-in.",
    check(def) {
      return def.sources.flatMap((raw, i) => {
        const s = sourceSettings(raw);
        const cidrs = s.allowed_cidrs ?? [];
        if (!coversWholeInternet(cidrs)) return [];
        const open = cidrs.indexOf("0.0.0.0/0");
        const what = open >= 0 ? "0.0.0.0/0" : `${cidrs.join(" + ")} together`;
        const path = open >= 0 ? ["sources", i, "allowed_cidrs", open] : ["sources", i, "allowed_cidrs"];
        return s.allow_open_ingest
          ? [
              {
                path,
                severity: "warning" as const,
                message: `ingest is open to the whole internet through ${what} (allow_open_ingest is set): anyone who learns the URL can push a stream`,
              },
            ]
          : [{ path, message: `${what} opens ingest to the whole internet; list your encoder's addresses, or set allow_open_ingest: true to accept the risk` }];
      });
    },
  },
  {
    id: "BMF-RUNG-ABOVE-SOURCE",
    description: "No rung is taller than what the live source delivers.",
    check(def, catalog) {
      if (!catalog.pipeline_types[def.pipeline_type]?.live) return [];
      const resolutions = def.sources.map((s) => sourceSettings(s).max_resolution ?? "HD");
      const limitName = resolutions.includes("UHD") ? "UHD" : resolutions.includes("HD") ? "HD" : "SD";
      const limit = MAX_HEIGHT_BY_RESOLUTION[limitName];
      return def.transcode_profiles.flatMap((p, i) => {
        const rungs =
          typeof p === "string"
            ? expandProfileNames(catalog, [p]).map((n) => ({ name: n, height: catalog.profiles[n]?.height }))
            : [{ name: p.name, height: p.height }];
        return rungs
          .filter((r) => r.height !== undefined && r.height > limit)
          .map((r) => ({
            path: ["transcode_profiles", i],
            message: `rung '${r.name}' (${r.height} lines) is above the source's max_resolution ${limitName} (${limit} lines); set "max_resolution": "UHD" on the source or drop the rung`,
          }));
      });
    },
  },
  {
    id: "BMF-RUNG-CODEC",
    description: "Custom rungs use codec settings MediaLive and MediaConvert accept.",
    check(def) {
      return def.transcode_profiles.flatMap((p, i) => {
        if (typeof p === "string") return [];
        const r = p;
        const f: Finding[] = [];
        if (r.codec === "h265" && r.profile && r.profile !== "main")
          f.push({ path: ["transcode_profiles", i, "profile"], message: "H.265 rungs use the 'main' profile (baseline and high are H.264 profiles)" });
        if ((r.width * 9) / 16 < r.height / 2)
          f.push({
            path: ["transcode_profiles", i],
            severity: "warning",
            message: `rung ${r.width}x${r.height} is unusually tall; check width and height are not swapped`,
          });
        return f;
      });
    },
  },
  {
    id: "BMF-CODEC-LEVEL",
    description: "Every video rung fits an H.264 (Table A-1) or H.265 (Tables A.8/A.9) level MediaLive encodes: picture size, frame rate and peak bitrate.",
    check(def, catalog) {
      const pathOf = (name: string) => {
        const i = def.transcode_profiles.findIndex((p) => (typeof p === "string" ? expandProfileNames(catalog, [p]).includes(name) : p.name === name));
        return i < 0 ? ["transcode_profiles"] : ["transcode_profiles", i];
      };
      return resolveRungs(def, catalog).flatMap((r) => {
        if (r.kind !== "video") return [];
        const choice = codecLevel(rungFormat(r));
        return choice.error === undefined
          ? []
          : [
              {
                path: pathOf(r.name),
                message: `rung '${r.name}': ${choice.error}; lower the bitrate, size or frame rate${r.codec === "h265" ? "" : ", or use codec h265"}`,
              },
            ];
      });
    },
  },
  {
    id: "BMF-OUTPUT-SETTINGS",
    description: "Outputs fit the pipeline: simulcast and archive need a live stream; rtmp outputs need a URL; lifecycle days are ordered.",
    check(def, catalog) {
      const live = catalog.pipeline_types[def.pipeline_type]?.live;
      const findings: Finding[] = [];
      def.outputs.forEach((o, i) => {
        const type = outputType(o);
        if (!live && (type === "youtube" || type === "rtmp" || type === "s3_archive"))
          findings.push({ path: ["outputs", i], message: `'${type}' needs a live stream; a vod_processing pipeline has none` });
        if (typeof o !== "object") return;
        if (o.type === "rtmp" && !o.url) findings.push({ path: ["outputs", i], message: "an rtmp output needs 'url' (rtmp:// or rtmps://)" });
        const rtmpOnly = (["url", "backup_url", "stream_key"] as const).find((k) => o[k]);
        if (o.type !== "rtmp" && o.type !== "youtube" && rtmpOnly)
          findings.push({ path: ["outputs", i, rtmpOnly], message: `'${rtmpOnly}' applies to rtmp and youtube outputs only` });
        if (o.type !== "s3_archive" && (o.retention_days || o.transition_to_ia_days || o.transition_to_glacier_days || o.archive_retention_choices_days))
          findings.push({ path: ["outputs", i], message: "retention, transition and archive retention choices apply to s3_archive only" });
        if (o.type !== "cloudfront" && o.price_class) findings.push({ path: ["outputs", i, "price_class"], message: "price_class applies to cloudfront only" });
        const ia = o.transition_to_ia_days,
          glacier = o.transition_to_glacier_days,
          keep = o.retention_days;
        if (ia !== undefined && glacier !== undefined && glacier < ia + 30)
          findings.push({
            path: ["outputs", i, "transition_to_glacier_days"],
            message: `S3 requires objects to stay in STANDARD_IA for 30 days: use at least ${ia + 30}`,
          });
        const lastMove = Math.max(ia ?? 0, glacier ?? 0);
        if (keep !== undefined && lastMove > 0 && keep <= lastMove)
          findings.push({
            path: ["outputs", i, "retention_days"],
            message: `retention_days (${keep}) must be after the last storage-class transition (day ${lastMove})`,
          });
      });
      const cdn = def.outputs.some((o) => outputType(o) === "cloudfront");
      if (def.access === "private" && !cdn)
        findings.push({ path: ["access"], message: "private access uses CloudFront signed URLs; add the 'cloudfront' output" });
      return findings;
    },
  },
  {
    id: "BMF-SIMULCAST-BACKUP",
    description:
      "On a STANDARD channel both pipelines publish every RTMP output: each needs a backup ingest URL of its own, or both push one URL with one key.",
    check(def, catalog) {
      const standard = catalog.tiers[canonicalTier(catalog, def.tier)]?.channel_class === "STANDARD";
      return def.outputs.flatMap((o, i): Finding[] => {
        if (outputType(o) !== "rtmp" && outputType(o) !== "youtube") return [];
        const settings: OutputSettings = typeof o === "string" ? (o === "youtube" ? { type: "youtube" } : { type: "rtmp", url: o }) : o;
        const url = settings.url ?? catalog.outputs[settings.type]?.default_url;
        const backup = settings.backup_url ?? (settings.url ? undefined : catalog.outputs[settings.type]?.backup_url);
        if (!standard)
          return settings.backup_url
            ? [
                {
                  path: ["outputs", i, "backup_url"],
                  severity: "warning",
                  message: `a ${def.tier} pipeline runs a single-pipeline channel, which publishes to 'url' only; backup_url is unused`,
                },
              ]
            : [];
        if (!backup)
          return [
            {
              path: ["outputs", i],
              message: `a ${def.tier} pipeline runs a STANDARD (two-pipeline) channel and both pipelines publish: without 'backup_url' both push to ${url} with one stream key, and the platform takes one and drops or flaps the other; give the platform's backup ingest URL as 'backup_url' (YouTube's is derived when 'url' is left out)`,
            },
          ];
        if (backup === url)
          return [
            {
              path: ["outputs", i, "backup_url"],
              message: "backup_url is the same as url: both pipelines would push one URL with one key; give the platform's backup ingest URL",
            },
          ];
        return [];
      });
    },
  },
  {
    id: "BMF-RTMPS",
    description: "Simulcast to a service that takes RTMPS uses RTMPS: rtmp:// sends the stream key in clear.",
    check(def, catalog) {
      return def.outputs.flatMap((o, i) => {
        const urls: Array<[string | undefined, Array<string | number>]> =
          typeof o === "string"
            ? [[/^rtmp:/.test(o) ? o : undefined, ["outputs", i]]]
            : [
                [o.url, ["outputs", i, "url"]],
                [o.backup_url, ["outputs", i, "backup_url"]],
              ];
        return urls.flatMap(([url, path]) => {
          const upgrade = url && (catalog.rtmps_upgrades ?? []).find((u) => new RegExp(u.rtmp).test(url));
          if (!url || !upgrade) return [];
          const rtmps = url.replace(new RegExp(upgrade.rtmp), upgrade.rtmps);
          return [{ path, message: `${upgrade.service} takes RTMPS; '${url}' would send the stream key in clear: use '${rtmps}'` }];
        });
      });
    },
  },
  {
    id: "BMF-SIMULCAST-RUNG",
    description: "RTMP simulcast platforms take H.264 up to 1080p, so the ladder must contain such a rung.",
    check(def, catalog) {
      const simulcast = def.outputs.findIndex((o) => ["youtube", "rtmp"].includes(outputType(o)));
      if (simulcast < 0) return [];
      type RungFacts = { kind: string; codec?: string; height?: number };
      const rungs = def.transcode_profiles.flatMap((p): RungFacts[] =>
        typeof p === "string"
          ? expandProfileNames(catalog, [p]).flatMap((n) => (catalog.profiles[n] ? [catalog.profiles[n]] : []))
          : [{ kind: "video", codec: p.codec ?? "h264", height: p.height }],
      );
      const ok = rungs.some((r) => r.kind === "video" && (r.codec ?? "h264") === "h264" && (r.height ?? 0) <= 1080);
      return ok
        ? []
        : [
            {
              path: ["outputs", simulcast],
              message: "simulcast (youtube/rtmp) sends one H.264 rendition at or below 1080p, and the transcode profiles have none; add e.g. '1080p' or '720p'",
            },
          ];
    },
  },
  {
    id: "BMF-VOD-SETTINGS",
    description: "VOD settings belong to pipelines that transcode files.",
    check(def, catalog) {
      return def.vod && !catalog.pipeline_types[def.pipeline_type]?.vod
        ? [{ path: ["vod"], message: "'vod' settings apply to vod_processing and hybrid pipelines only" }]
        : [];
    },
  },
  {
    id: "BMF-EVENTS",
    description: "Event delivery targets have distinct names; the live-status document needs a live stream served by CloudFront.",
    check(def, catalog) {
      const e = def.events;
      if (!e) return [];
      const findings: Finding[] = [];
      const seen = new Map<string, number>();
      const counts: Record<string, number> = {};
      (e.targets ?? []).forEach((t, i) => {
        const base = t.kind === "event_bus" ? "bus" : "webhook";
        counts[base] = (counts[base] ?? 0) + 1;
        const name = t.name ?? (counts[base] === 1 ? base : `${base}_${counts[base]}`);
        if (seen.has(name))
          findings.push({
            path: ["events", "targets", i, "name"],
            message: `target name '${name}' is already used by events.targets[${seen.get(name)}]; names pick resource and variable names, so give each its own`,
          });
        else seen.set(name, i);
      });
      const live = catalog.pipeline_types[def.pipeline_type]?.live;
      const cdn = def.outputs.some((o) => outputType(o) === "cloudfront");
      const liveStatus = e.live_status ?? def.integration === "ecommerce";
      if (e.live_status && (!live || !cdn))
        findings.push({
          path: ["events", "live_status"],
          message:
            "the live-status document is written on stream start and end and served by CloudFront: it needs a live or hybrid pipeline with the 'cloudfront' output",
        });
      else if (liveStatus && e.live_status === undefined && (!live || !cdn))
        findings.push({
          path: ["events", "live_status"],
          severity: "warning",
          message: "integration ecommerce turns the live-status document on, but this pipeline has no live stream through CloudFront: none is written",
        });
      return findings;
    },
  },
  {
    id: "BMF-AD-MARKERS",
    description: "SCTE-35 ad markers reach viewers through MediaPackage: they need a live stream served by CloudFront.",
    check(def, catalog) {
      if (!def.ad_markers || def.ad_markers.scte35_passthrough === false) return [];
      const live = catalog.pipeline_types[def.pipeline_type]?.live;
      const cdn = def.outputs.some((o) => outputType(o) === "cloudfront");
      return live && cdn
        ? []
        : [
            {
              path: ["ad_markers"],
              message: "ad markers are written into the manifests MediaPackage serves: they need a live pipeline with the cloudfront output",
            },
          ];
    },
  },
  ...SRT_RULES,
  {
    id: "BMF-ECOMMERCE",
    description:
      "Shop settings belong to integration ecommerce; shop origins are what browsers send as Origin; the product page needs a live stream through CloudFront.",
    check(def, catalog) {
      const findings: Finding[] = [];
      if (def.ecommerce && def.integration !== "ecommerce")
        findings.push({ path: ["ecommerce"], message: "'ecommerce' settings apply only with integration: ecommerce" });
      (def.ecommerce?.shop_origins ?? []).forEach((origin, i) => {
        const port = /:([0-9]+)$/.exec(origin)?.[1];
        // A browser's Origin header leaves out the default port, so "https://shop:443" would never match it.
        if (port === "443")
          findings.push({ path: ["ecommerce", "shop_origins", i], message: `write ${origin.slice(0, -4)}: browsers send https origins without :443` });
        else if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
          findings.push({ path: ["ecommerce", "shop_origins", i], message: `port ${port} of ${origin} is not a TCP port (1-65535)` });
      });
      if (def.integration !== "ecommerce") return findings;
      const live = catalog.pipeline_types[def.pipeline_type]?.live;
      const cdn = def.outputs.some((o) => outputType(o) === "cloudfront");
      // With an events section, BMF-EVENTS already says so about its live_status.
      if ((!live || !cdn) && !def.events)
        findings.push({
          path: ["integration"],
          severity: "warning",
          message:
            "the product-page embed plays a live stream through CloudFront, and this pipeline has none: no live-status document and no CORS for the shop",
        });
      else if (live && cdn && !def.ecommerce?.shop_origins && def.access !== "private")
        findings.push({
          path: ["integration"],
          severity: "warning",
          message:
            'without ecommerce.shop_origins any site may embed the stream (CORS allows "*"); list the shop\'s origins, e.g. ecommerce: { shop_origins: ["https://shop.example.com"] }',
        });
      return findings;
    },
  },
  {
    id: "BMF-SLATE",
    description: "The slate is shown by a MediaLive channel: it needs a live pipeline.",
    check(def, catalog) {
      return def.slate && !catalog.pipeline_types[def.pipeline_type]?.live
        ? [{ path: ["slate"], message: `a slate is shown over a live stream; ${def.pipeline_type} pipelines have no MediaLive channel` }]
        : [];
    },
  },
  {
    id: "BMF-CLIPS",
    description: "Clips are harvested from MediaPackage's start-over window into the archive bucket: a live pipeline with cloudfront and s3_archive.",
    check(def, catalog) {
      if (!def.clips) return [];
      const live = catalog.pipeline_types[def.pipeline_type]?.live;
      const types = def.outputs.map(outputType);
      return live && types.includes("cloudfront") && types.includes("s3_archive")
        ? []
        : [
            {
              path: ["clips"],
              message: "clips are harvested from MediaPackage into the archive bucket: they need a live pipeline with the cloudfront and s3_archive outputs",
            },
          ];
    },
  },
  ...AUTOMATION_RULES,
  ...DRM_RULES,
  ...CAPTIONS_RULES,
  ...IVS_RULES,
  ...AD_INSERTION_RULES,
];

export function runSemanticRules(def: PipelineDefinition, catalog: MediaCatalog, file: string, basePath: Array<string | number> = []): Problem[] {
  return SEMANTIC_RULES.flatMap((rule) =>
    rule.check(def, catalog).map((f) => ({
      file,
      path: jsonPath([...basePath, ...f.path]),
      message: f.message,
      severity: f.severity ?? "error",
      rule: rule.id,
      suggestion: f.suggestion,
    })),
  );
}
