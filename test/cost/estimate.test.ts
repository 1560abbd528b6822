/** Cost arithmetic checked against hand-computed cases from the shipped price table. */
import { mockClient } from "aws-sdk-client-mock";
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import { loadPipelines } from "../../src/core/definitions";
import { loadCatalog } from "../../src/core/catalog";
import { projectPath } from "../../src/core/project-paths";
import { UserError } from "../../src/core/problems";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cloudfrontTransfer, daysPerStorageClass, estimate, outputKey, priceTableAgeDays, regionPrices } from "../../src/cost/estimate";
import { inventoryOfPipeline } from "../../src/cost/inventory";
import { inventoriesOfPlan } from "../../src/cost/plan-inventory";
import { loadPriceTable } from "../../src/cost/prices";
import { estimatePipelines } from "../../src/cost/report";
import { assertAllMatched, mediaconvertKey, medialiveKey, refreshPriceTable } from "../../src/cost/refresh";
import { validateAgainstSchema } from "../../src/core/schema-validation";
import { usageFor } from "../../src/cost/usage";
import { runCli } from "../support/cli";

const table = loadPriceTable();
const pipeline = (id: string) => loadPipelines([projectPath("examples")]).pipelines.find((p) => p.resolved.pipeline_id === id)!;

/** A definition written to a temporary folder and loaded like any other. */
function definition(def: object) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-cost-"));
  fs.writeFileSync(path.join(dir, "p.json"), JSON.stringify(def));
  return loadPipelines([dir]).pipelines[0].resolved;
}
const byItem = (e: { lines: Array<{ service: string; item: string; usd: number | null }> }) =>
  Object.fromEntries(e.lines.map((l) => [`${l.service} ${l.item}`, l.usd]));

test("the shipped MediaLive rates are AWS's published ones: Live Streaming on AWS cost examples 1 and 2 (us-east-1, standard channel)", () => {
  const ml = table.regions["us-east-1"].medialive;
  const input = ml.input_per_hour.STANDARD_AVC_HD_10TO20.usd!;
  const sd = ml.output_per_hour.STANDARD_AVC_SD_UNDER10_UPTO30.usd!;
  const hd = ml.output_per_hour.STANDARD_AVC_HD_UNDER10_UPTO30.usd!;
  expect([input, sd, hd]).toEqual([0.294, 0.354, 0.702]);
  expect(input + 4 * sd).toBeCloseTo(1.71, 2); // example 1: HD input, four SD outputs = $1.71/h
  expect(input + 4 * sd + 2 * hd).toBeCloseTo(3.11, 2); // example 2: plus 720p and 1080p = $3.11/h
  for (const key of ["STANDARD_AVC_HD_10TO20"])
    expect(ml.input_per_hour[key]).toMatchObject({ status: "checked", source: expect.stringContaining("docs.aws.amazon.com/solutions") });
});

test("no region is derived from another: what is not published for eu-west-1 and us-west-2 is null and says so", () => {
  for (const region of ["eu-west-1", "us-west-2"]) {
    const ml = table.regions[region].medialive;
    for (const p of [...Object.values(ml.input_per_hour), ...Object.values(ml.output_per_hour)]) {
      expect(p).toMatchObject({ usd: null, status: "unavailable" });
      expect(p.note).toMatch(new RegExp(`no published ${region} figure.*refresh-prices --region ${region}`));
    }
  }
  // Only CloudFront (one global offer, priced by the viewers' location) carries figures outside us-east-1.
  const priced = (rp: object): string[] =>
    Object.entries(rp).flatMap(([k, v]) =>
      v && typeof v === "object" ? ("usd" in v && "status" in v ? (v.usd !== null ? [k] : []) : priced(v).map((x) => `${k}.${x}`)) : [],
    );
  expect(priced(table.regions["eu-west-1"]).every((k) => k.startsWith("cloudfront."))).toBe(true);
});

test("enterprise (STANDARD channel, us-east-1), 60 live hours: every line by hand at the published rates", () => {
  const p = definition({
    pipeline_id: "ent_us",
    pipeline_type: "live_stream",
    sources: ["elemental_link"],
    transcode_profiles: ["1080p", "720p", "480p"],
    outputs: ["cloudfront"],
    region: "us-east-1",
    tier: "enterprise",
  });
  const e = estimate(inventoryOfPipeline(p), usageFor(p, {}).usage, table);
  // Tier defaults: 60 live h, 1000 viewers x 45 min at 3500 kbps. Ladder caps + audio: 5128 + 3428 + 1596 = 10152 kbps.
  const ladderGb = (10152 * 1000 * 3600 * 60) / 8 / 1e9; // 274.104 GB per pipeline
  const egressGb = (3500 * 1000 * 3600 * ((1000 * 45) / 60)) / 8 / 1e9; // 750 viewing hours = 1181.25 GB
  const expected: Record<string, number> = {
    "MediaLive input elemental_link (HD, up to 20 Mbps)": 60 * 0.294, // 17.64
    "MediaLive output mediapackage/1080p (HD AVC <10 Mbps ≤30 fps)": 60 * 0.702, // 42.12
    "MediaLive output mediapackage/720p (HD AVC <10 Mbps ≤30 fps)": 60 * 0.702, // 42.12
    "MediaLive output mediapackage/480p (SD AVC <10 Mbps ≤30 fps)": 60 * 0.354, // 21.24
    "MediaLive idle channel (stopped)": (730 - 60) * 0.01, // 6.70
    "MediaPackage ingest": ladderGb * 2 * 0.03, // both pipelines push: 548.208 GB = 16.45
    "CloudFront data transfer out first 10 TB": egressGb * 0.085, // 100.41
    "CloudFront HTTPS requests (10k)": ((750 * 3600 * 2) / 6 / 10000) * 0.01, // 90 x 10k = 0.90
    "MediaPackage origination to CloudFront": egressGb * 0.1 * 0.05, // 10% cache misses = 5.91
    "Other CloudWatch alarms (6)": 6 * 0.1,
    "Other EventBridge events (million)": (60 / 1e6) * 1, // a start and a stop per two-hour show
    "Other Step Functions express requests (million)": (60 / 1e6) * 1,
    "Other CloudWatch Logs ingestion (channel logs)": 60 * 0.01 * 0.5, // 10 MB per live hour
    "Other CloudWatch Logs storage": 60 * 0.01 * 0.03,
    // The enterprise tier logs viewers: one 250-byte line per CDN request (900,000 = 0.225 GB), kept 90 days in S3 Standard,
    // 12 log objects per live hour; the delivery itself (CloudWatch vended logs) has no verified rate: unpriced.
    "S3 viewer logs in STANDARD (90 days of access logs)": ((900_000 * 250) / 1e9) * (90 / 30.42) * 0.023, // 0.0153
    "S3 viewer log deliveries (1k PUT)": ((60 * 12) / 1000) * 0.005, // 0.0036
  };
  const { "Other CloudFront standard logging v2 delivery to S3 (GB)": delivery, ...priced } = byItem(e);
  expect(priced).toEqual(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, expect.closeTo(v, 9)])));
  expect(delivery).toBeNull();
  expect(e.unpriced.map((l) => `${l.item} ${l.quantity}`)).toEqual(["CloudFront standard logging v2 delivery to S3 (GB) 0.225"]);
  expect(e.monthlyUsd).toBeCloseTo(254.42, 2); // 17.64 + 105.48 + 6.70 + 16.45 + 100.41 + 0.90 + 5.91 + 0.60 + 0.0001 + 0.32 + 0.02 (viewer logs)
});

test("development (SINGLE_PIPELINE, us-east-1), 10 live hours: priced lines by hand, MediaLive encoding reported unpriced", () => {
  const p = pipeline("studio_live_feed").resolved;
  const e = estimate(inventoryOfPipeline(p), usageFor(p, { hours: 10 }).usage, table);
  const ladderGb = ((5128 + 3428 + 1596) * 1000 * 3600 * 10) / 8 / 1e9; // 45.684 GB: QVBR caps plus audio, 10 hours
  const priced: Record<string, number> = {
    "MediaLive idle channel (stopped)": 0.01 * 720,
    "MediaLive data transfer out to youtube (RTMP, 1 pipeline)": ((5128 * 1000 * 3600 * 10) / 8 / 1e9) * 0.09, // the 1080p rung to YouTube: 23.076 GB
    "MediaPackage ingest": ladderGb * 0.03,
    "CloudFront data transfer out first 10 TB": 11.25 * 0.085, // 20 viewers x 30 min = 10 h at 2.5 Mbps = 11.25 GB
    "CloudFront HTTPS requests (10k)": 1.2 * 0.01, // 10 h x 3600 s / 6 s segments x 2 requests
    "MediaPackage origination to CloudFront": 11.25 * 0.1 * 0.05,
    "S3 archive in STANDARD (7 days of each recording)": ((ladderGb * 7) / 30.42) * 0.023,
    "S3 archive segment uploads (1k PUT)": 54 * 0.005, // 10 h x 3600 / 2 s archive segments (the channel's segment_length) x 3 renditions
    "Other EventBridge events (million)": 10 / 1e6,
    "Other Step Functions express requests (million)": 10 / 1e6,
    "Other CloudWatch Logs ingestion (channel logs)": 0.1 * 0.5,
    "Other CloudWatch Logs storage": 0.1 * 0.03,
  };
  const lines = byItem(e);
  for (const [k, v] of Object.entries(priced)) expect({ k, usd: lines[k] }).toEqual({ k, usd: expect.closeTo(v, 9) });
  // AWS publishes no single-pipeline example we could check: input and the 7 outputs (3 to MediaPackage, 3 archived, 1 to YouTube) are unpriced, never guessed.
  expect(e.unpriced.map((l) => l.item)).toEqual([
    "input elemental_link (HD, up to 20 Mbps)",
    ...["mediapackage", "archive"].flatMap((g) => [
      `output ${g}/1080p (HD AVC <10 Mbps ≤30 fps)`,
      `output ${g}/720p (HD AVC <10 Mbps ≤30 fps)`,
      `output ${g}/480p (SD AVC <10 Mbps ≤30 fps)`,
    ]),
    "output simulcast/1080p (HD AVC <10 Mbps ≤30 fps)",
  ]);
  expect(e.unpriced[0].priceKey).toBe("medialive.input_per_hour.SINGLE_PIPELINE_AVC_HD_10TO20");
  expect(e.monthlyUsd).toBeCloseTo(
    Object.values(priced).reduce((a, b) => a + b, 0),
    9,
  );
  expect(e.assumptions.join("\n")).toMatch(/8 lines have no published us-east-1 price.*lower bound/);
});

test("standard tier (SINGLE_PIPELINE, us-west-2 creators): only CloudFront is priced, the rest is reported", () => {
  const creator = loadPipelines([projectPath("examples")]).pipelines.find((p) => p.resolved.pipeline_id === "creator-channel-creator1")!.resolved;
  expect([creator.tier, creator.region]).toEqual(["standard", "us-west-2"]);
  const e = estimate(inventoryOfPipeline(creator), usageFor(creator, {}).usage, table);
  // 80 viewers x 40 min at 3000 kbps = 53.33 viewing hours = 72 GB at $0.085; 53.33 h x 3600 / 6 x 2 = 64,000 requests at $0.01/10k.
  expect(e.monthlyUsd).toBeCloseTo(72 * 0.085 + 6.4 * 0.01, 9);
  expect(Object.keys(e.byService)).toEqual(["CloudFront"]);
  expect(e.unpriced.length).toBeGreaterThan(5);
});

test("CloudFront transfer walks the price tiers, after the free tier when asked", () => {
  const prices = regionPrices(table, "us-east-1");
  const lines = cloudfrontTransfer(20480, prices, false);
  expect(lines.map((l) => [l.quantity, l.unitUsd])).toEqual([
    [10240, 0.085],
    [10240, 0.08],
  ]);
  expect(lines.reduce((s, l) => s + l.usd!, 0)).toBeCloseTo(870.4 + 819.2, 9);
  expect(cloudfrontTransfer(1000, prices, true)).toEqual([]);
  expect(cloudfrontTransfer(1124, prices, true).map((l) => l.quantity)).toEqual([100]);
});

test("MediaLive bills every output of every output group: an archived and simulcast channel pays for each", () => {
  const p = pipeline("studio_live_feed").resolved;
  const inv = inventoryOfPipeline(p);
  expect(inv.channelOutputs!.map((o) => `${o.group}/${o.encode.name}`)).toEqual([
    "mediapackage/1080p",
    "mediapackage/720p",
    "mediapackage/480p",
    "archive/1080p",
    "archive/720p",
    "archive/480p",
    "simulcast/1080p",
  ]);
  expect(inv.rtmpDestinations).toEqual([{ id: "youtube", kbps: 5128 }]);
  expect(outputKey("STANDARD", inv.encodes[0])).toBe("STANDARD_AVC_HD_UNDER10_UPTO30");
  expect(outputKey("STANDARD", { name: "x", kind: "video", resolution: "UHD", codec: "HEVC", fps: 60, kbps: 25000 })).toBe("STANDARD_HEVC_UHD_OVER20_OVER30");
  expect(outputKey("SINGLE_PIPELINE", { name: "a", kind: "audio", kbps: 96 })).toBe("SINGLE_PIPELINE_AUDIO");
});

test("a STANDARD channel's archive holds both pipelines' recordings, written in 2 s segments; MediaConvert prices every output of the job template", () => {
  const p = pipeline("company-webinars").resolved;
  const inv = inventoryOfPipeline(p);
  expect(inv.archive).toMatchObject({ pipelines: 2, segmentSeconds: 2 });
  const e = estimate(inv, usageFor(p, { hours: 8 }).usage, table);
  const ladderGb = (inv.encodes.reduce((s, x) => s + x.kbps, 0) * 1000 * 3600 * 8) / 8 / 1e9;
  const standard = e.lines.find((l) => l.item.startsWith("archive in STANDARD"))!;
  expect(standard.item).toBe("archive in STANDARD (30 days of each recording, 2 pipelines)");
  expect(standard.quantity).toBeCloseTo((ladderGb * 30 * 2) / 30.42, 9);
  expect(e.lines.find((l) => l.item.startsWith("archive segment uploads"))!.quantity).toBeCloseTo((8 * 3600 * inv.encodes.length * 2) / 2 / 1000, 9);
  // company-webinars packages HLS, DASH and CMAF: the job template writes each rung three times (plus audio tracks).
  const groups = new Set(inv.vodRenditions.map((r) => r.name.split("_")[0]));
  expect([...groups].sort()).toEqual(["cmaf", "dash", "hls"]);
  expect(e.lines.filter((l) => l.service === "MediaConvert")).toHaveLength(inv.vodRenditions.length);
});

test("archive lifecycle: days in each storage class follow retention and transitions", () => {
  expect(daysPerStorageClass({ retentionDays: 400, iaAfterDays: 30, glacierIrAfterDays: 90 })).toEqual({ STANDARD: 30, STANDARD_IA: 60, GLACIER_IR: 310 });
  expect(daysPerStorageClass({ retentionDays: 7 })).toEqual({ STANDARD: 7, STANDARD_IA: 0, GLACIER_IR: 0 });
  expect(daysPerStorageClass({ retentionDays: 20, iaAfterDays: 30 })).toEqual({ STANDARD: 20, STANDARD_IA: 0, GLACIER_IR: 0 });
});

test("usage comes from flags, else the definition, else the tier", () => {
  const p = pipeline("product-demos").resolved;
  const { usage, from } = usageFor(p, { viewers: 999 });
  expect(usage.viewers).toBe(999);
  expect(from.viewers).toBe("flag");
  expect([usage.liveHoursPerMonth, from.live_hours_per_month]).toEqual([20, "definition"]);
  expect([usage.watchedBitrateKbps, from.watched_bitrate_kbps]).toEqual([2500, "tier_default"]);
  expect(() => usageFor(p, { hours: -1 })).toThrow(UserError);
  expect(() => usageFor(p, { hours: 800 })).toThrow(/744 hours/);
});

test("bad input is an error, never a silent zero: unknown region; a key missing from the table is unpriced, not zero", () => {
  expect(() => regionPrices(table, "ap-south-1")).toThrow(/no prices for region 'ap-south-1'/);
  const p = definition({
    pipeline_id: "ent_us",
    pipeline_type: "live_stream",
    sources: ["elemental_link"],
    transcode_profiles: ["1080p"],
    outputs: ["cloudfront"],
    region: "us-east-1",
    tier: "enterprise",
    analytics: { viewer_logs: false }, // the tier's viewer logs have an unpriced line of their own
  });
  const broken = JSON.parse(JSON.stringify(table));
  delete broken.regions["us-east-1"].medialive.output_per_hour.STANDARD_AVC_HD_UNDER10_UPTO30;
  const e = estimate(inventoryOfPipeline(p), usageFor(p, {}).usage, broken);
  expect(e.unpriced.map((l) => l.priceKey)).toEqual(["medialive.output_per_hour.STANDARD_AVC_HD_UNDER10_UPTO30"]);
  expect(() => usageFor(p, { viewers: 1e12 })).toThrow(/--viewers above 10 billion/);
});

test("tiers are compared with the seed's monthly ranges, and the table's age is known", () => {
  const [e] = estimatePipelines([pipeline("studio_live_feed")], { hours: 10, viewers: 100000, watchMinutes: 120 }, table, loadCatalog());
  expect(e.tierRange).toMatchObject({ min: 50, max: 100, position: "above" });
  // It says why: CDN egress drives it (100,000 viewers x 2 h at 2.5 Mbps = 225,000 GB), and which audience would fit.
  expect(e.tierRange.explanation!.drivers[0].item).toMatch(/^CloudFront data transfer out/);
  const [lo, hi] = e.tierRange.explanation!.viewersInRange!;
  const at = (viewers: number) => estimatePipelines([pipeline("studio_live_feed")], { hours: 10, viewers, watchMinutes: 120 }, table, loadCatalog())[0];
  expect([at(lo).tierRange.position, at(hi).tierRange.position, at(hi + 1).tierRange.position]).toEqual(["within", "within", "above"]);
  expect(lo === 0 || at(lo - 1).tierRange.position === "below").toBe(true);
  expect(priceTableAgeDays(table, new Date("2027-06-01T00:00:00Z"))).toBe(182);
});

test("a Terraform plan is priced from its media resources", () => {
  const plan = {
    configuration: { provider_config: { aws: { expressions: { region: { constant_value: "us-east-1" } } } } },
    planned_values: {
      root_module: {
        child_modules: [
          {
            address: "module.show",
            resources: [
              {
                mode: "managed",
                type: "aws_medialive_channel",
                values: {
                  channel_class: "SINGLE_PIPELINE",
                  input_specification: [{ input_resolution: "HD", maximum_bitrate: "MAX_10_MBPS" }],
                  encoder_settings: [
                    {
                      video_descriptions: [
                        {
                          name: "v1080",
                          height: 1080,
                          codec_settings: [{ h264_settings: [{ max_bitrate: 5000000, framerate_numerator: 60, framerate_denominator: 1 }] }],
                        },
                      ],
                      output_groups: [],
                    },
                  ],
                },
              },
              { mode: "managed", type: "aws_medialive_input", values: { name: "cam", type: "RTMP_PUSH" } },
              { mode: "managed", type: "aws_cloudfront_distribution", values: {} },
            ],
          },
        ],
      },
    },
  };
  const [inv] = inventoriesOfPlan(plan);
  expect(inv).toMatchObject({
    pipeline_id: "module.show",
    channelClass: "SINGLE_PIPELINE",
    cdn: true,
    inputs: [{ id: "cam", resolution: "HD", maxMbps: 10, push: true }],
    encodes: [{ resolution: "HD", codec: "AVC", fps: 60 }],
  });
  const e = estimate(
    inv,
    { liveHoursPerMonth: 10, viewers: 0, watchMinutesPerViewer: 0, watchedBitrateKbps: 0, vodMinutesPerMonth: 0, vodViewsPerMonth: 0, freeTier: false },
    table,
  );
  expect(e.lines.find((l) => l.item.startsWith("output outputs/v1080"))!.priceKey).toBe("medialive.output_per_hour.SINGLE_PIPELINE_AVC_HD_UNDER10_OVER30");
  expect(() => inventoriesOfPlan({ format_version: "1.2" })).toThrow(/no planned_values/);
});

const recorded = (name: string) => JSON.parse(fs.readFileSync(projectPath("test", "fixtures", "price-list", name), "utf8"));

test("refresh-prices reads each region's own MediaLive, MediaConvert, CloudFront and S3 offers from recorded GetProducts responses", async () => {
  const pricing = mockClient(PricingClient);
  pricing.on(GetProductsCommand).resolves({ PriceList: [] });
  pricing
    .on(GetProductsCommand, { ServiceCode: "AWSElementalMediaLive", Filters: [{ Type: "TERM_MATCH", Field: "regionCode", Value: "eu-west-1" }] })
    .resolves(recorded("medialive-eu-west-1.json"));
  pricing
    .on(GetProductsCommand, { ServiceCode: "AWSElementalMediaConvert", Filters: [{ Type: "TERM_MATCH", Field: "regionCode", Value: "eu-west-1" }] })
    .resolves(recorded("mediaconvert-eu-west-1.json"));
  pricing.on(GetProductsCommand, { ServiceCode: "AmazonCloudFront" }).resolves(recorded("cloudfront.json"));
  pricing
    .on(GetProductsCommand, {
      ServiceCode: "AmazonS3",
      Filters: [
        { Type: "TERM_MATCH", Field: "regionCode", Value: "eu-west-1" },
        { Type: "TERM_MATCH", Field: "volumeType", Value: "Standard" },
        { Type: "TERM_MATCH", Field: "storageClass", Value: "General Purpose" },
      ],
    })
    .resolves(recorded("s3-standard-eu-west-1.json"));
  const result = await refreshPriceTable(table, ["eu-west-1", "ap-south-1"], new PricingClient({ region: "us-east-1" }), new Date("2027-01-02T00:00:00Z"));
  const eu = result.table.regions["eu-west-1"];
  // On-demand products land on their dimension keys; the reserved input ($0.093) and the Dolby add-on are ignored.
  expect(eu.medialive.input_per_hour.STANDARD_AVC_HD_10TO20).toMatchObject({
    usd: 0.311,
    status: "price-list",
    as_of: "2027-01-02",
    source: expect.stringMatching(/AWSElementalMediaLive\/current\/index\.json#TESTSKU/),
  });
  expect(eu.medialive.output_per_hour.STANDARD_AVC_HD_UNDER10_UPTO30.usd).toBe(0.745);
  expect(eu.medialive.output_per_hour.SINGLE_PIPELINE_AVC_SD_UNDER10_UPTO30.usd).toBe(0.222);
  expect(eu.medialive.output_per_hour.SINGLE_PIPELINE_AUDIO.usd).toBe(0.033);
  expect(eu.medialive.idle_channel_per_hour.usd).toBe(0.011);
  // MediaConvert: single-pass only (the multi-pass HQ product is not our encode); 4K is the table's UHD.
  expect(eu.mediaconvert.basic_AVC_HD_UPTO30.usd).toBe(0.017);
  expect(eu.mediaconvert.professional_HEVC_UHD_OVER30.usd).toBe(0.192);
  expect(eu.mediaconvert.professional_AVC_UHD_OVER30.usd).toBeNull();
  // CloudFront tiers by their end of range; requests per 10,000.
  expect(eu.cloudfront.transfer_per_gb_tiers.map((t) => t.status)).toEqual(Array(7).fill("price-list"));
  expect(eu.cloudfront.https_per_10k_requests.usd).toBe(0.01);
  expect(eu.s3.STANDARD).toMatchObject({ usd: 0.023, status: "price-list" });
  // A region new to the table gets only what its own offer said: nothing here, so every entry is null and reported.
  const ap = result.table.regions["ap-south-1"];
  expect(ap.medialive.input_per_hour.STANDARD_AVC_HD_10TO20).toMatchObject({
    usd: null,
    status: "unavailable",
    note: "not yet read from ap-south-1's Price List offer",
  });
  expect(ap.s3.STANDARD.usd).toBeNull();
  expect(ap.cloudfront.transfer_per_gb_tiers[0].usd).toBe(0.085); // CloudFront is global: ap-south-1's viewers in the US pay the US price
  expect(result.unmatched).toContainEqual({ region: "ap-south-1", path: "medialive.input_per_hour.STANDARD_AVC_HD_10TO20" });
  expect(result.unmatched).toContainEqual({ region: "eu-west-1", path: "medialive.output_per_hour.STANDARD_HEVC_UHD_OVER20_OVER30" });
  expect(result.unmatched).not.toContainEqual({ region: "eu-west-1", path: "medialive.input_per_hour.STANDARD_AVC_HD_10TO20" });
  expect(result.updated).toContainEqual({ region: "eu-west-1", path: "medialive.input_per_hour.STANDARD_AVC_HD_10TO20", from: null, to: 0.311 });
  expect(() => assertAllMatched(result)).toThrow(/--strict: \d+ entries have no Price List match; nothing written:\n {2}eu-west-1 \(\d+\): .*\n {2}ap-south-1/);
  expect(result.table.as_of).toBe("2027-01-02");
  expect(validateAgainstSchema("prices", result.table, "refreshed")).toEqual([]);
  pricing.reset();
  pricing.on(GetProductsCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
  await expect(refreshPriceTable(table, ["us-east-1"], new PricingClient({ region: "us-east-1" }), new Date())).rejects.toThrow(/needs AWS credentials/);
  pricing.restore();
});

test("Price List attributes map onto the table's keys", () => {
  expect(medialiveKey({ operation: "CHANNEL_OUTPUT", pipeline: "Standard", codec: "HEVC", resolution: "UHD", bitRate: ">20mbps", frameRate: ">30fps" })).toBe(
    "output_per_hour.STANDARD_HEVC_UHD_OVER20_OVER30",
  );
  expect(
    medialiveKey({ operation: "CHANNEL_INPUT", pipeline: "Single", codec: "AVC", resolution: "SD", bitRate: "<10mbps", reserveType: "1 Year" }),
  ).toBeUndefined();
  expect(
    medialiveKey({ operation: "CHANNEL_INPUT", pipeline: "Single", codec: "AVC", resolution: "SD", bitRate: "<10mbps", usagetype: "EML1-X-IN-AVC-SD-L10-R" }),
  ).toBeUndefined();
  expect(
    mediaconvertKey({
      tier: "Professional",
      videoCodec: "AVC",
      videoResolution: "SD",
      videoFrameRate: "<=30 fps",
      videoQualitySetting: "Single-pass",
      transcodingResult: "Success",
    }),
  ).toBe("professional_AVC_SD_UPTO30");
  expect(
    mediaconvertKey({ tier: "Basic", videoCodec: "AVC", videoResolution: "SD", videoFrameRate: "<=30 fps", transcodingResult: "Failure" }),
  ).toBeUndefined();
});

test("the CLI: breakdown, --json, --all table, budget check", () => {
  const one = runCli(["media", "cost", "estimate", "--pipeline", "studio_live_feed", "--dir", projectPath("examples"), "--hours", "10"]);
  expect(one.status).toBe(0);
  expect(one.stdout).toMatch(/monthly at least \$12\.24; per live hour/);
  expect(one.stdout).toMatch(/usage: 10 live h\/month \[flag\], 20 viewers \[tier_default\].*200 VOD views \[tier_default\]/);
  expect(one.stdout).toMatch(/unpriced \(no published us-east-1 price\): medialive\.input_per_hour\.SINGLE_PIPELINE_AVC_HD_10TO20/);
  expect(one.stdout).toMatch(/tier development is planned at \$50\.00-\$100\.00 a month; this estimate is below that range/);
  const json = JSON.parse(runCli(["media", "cost", "estimate", "--all", projectPath("examples"), "--json"]).stdout);
  expect(json.estimates.map((e: { pipeline_id: string }) => e.pipeline_id)).toContain("creator-channel-creator2");
  expect(json.total_monthly_usd).toBeCloseTo(
    json.estimates.reduce((s: number, e: { monthlyUsd: number }) => s + e.monthlyUsd, 0),
    9,
  );
  const over = runCli(["media", "cost", "estimate", "--pipeline", "studio_live_feed", "--dir", projectPath("examples"), "--max-cost-per-month", "5"]);
  expect(over.status).toBe(1);
  expect(over.stderr).toMatch(/over budget: studio_live_feed is estimated at \$\d+\.\d\d a month, above --max-cost-per-month 5/);
  const negative = runCli(["media", "cost", "estimate", "--pipeline", "studio_live_feed", "--dir", projectPath("examples"), "--hours", "-2"]);
  expect([negative.status, negative.stderr.trim()]).toEqual([1, "error: --hours must be a number >= 0; got -2"]);
});

test("bad input through the CLI: one clear line each, exit 1, no stack trace", () => {
  const base = ["media", "cost", "estimate", "--dir", projectPath("examples")];
  const cases: Array<[string[], RegExp]> = [
    [[...base, "--pipeline", "studio_live_feed", "--max-cost-per-month", "garbage"], /^error: --max-cost-per-month must be a number >= 0; got garbage$/],
    [[...base, "--pipeline", "studio_live_feed", "--hours", "10", "--hours", "20"], /^error: --hours was given 2 times \(10, 20\); give it once$/],
    [[...base], /^error: give one of --pipeline <name\|file>, --all <folder>, --client-id <id> or --template <name>$/],
    [[...base, "--pipeline", "studio_live_feed", "--hours", ""], /^error: --hours must be a number >= 0; got an empty value$/],
    [
      [...base, "--pipeline", "studio_live_feed", "--viewers", "1e12"],
      /^error: --viewers above 10 billion is more than the world's population; got 1000000000000$/,
    ],
    [[...base, "--pipeline", "pipelines/nope.json"], /^error: pipelines\/nope\.json: no such definition file$/],
    [["media", "cost", "plan", "missing-plan.json"], /^error: missing-plan\.json: no such plan file$/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args);
    expect({ args: args.slice(3).join(" "), status: r.status, stderr: r.stderr.trim() }).toEqual({
      args: args.slice(3).join(" "),
      status: 1,
      stderr: expect.stringMatching(message),
    });
  }
});

test("cost plan: usage from the definition whose id names the module, else stated plan defaults; assumptions and the price date printed", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-plan-"));
  const module = (address: string) => ({
    address,
    resources: [
      {
        mode: "managed",
        type: "aws_medialive_channel",
        values: {
          channel_class: "STANDARD",
          input_specification: [{ input_resolution: "HD", maximum_bitrate: "MAX_20_MBPS" }],
          encoder_settings: [
            { video_descriptions: [{ name: "v720", height: 720, codec_settings: [{ h264_settings: [{ max_bitrate: 3300000 }] }] }], output_groups: [] },
          ],
        },
      },
      { mode: "managed", type: "aws_cloudfront_distribution", values: {} },
    ],
  });
  const planFile = path.join(dir, "plan.json");
  fs.writeFileSync(
    planFile,
    JSON.stringify({ planned_values: { root_module: { child_modules: [module("module.product-demos"), module("module.somebody_else")] } } }),
  );
  const r = runCli(["media", "cost", "plan", planFile, "--dir", projectPath("examples")]);
  expect(r.status).toBe(0);
  const [demos, other] = r.stdout.split(/\n(?=module\.)/);
  expect(demos).toMatch(
    /^module\.product-demos \(us-east-1; prices as of 2026-12-01\)\nusage: 20 live h\/month \[definition\], 150 viewers \[definition\] x 12 min \[definition\]/,
  );
  expect(demos).toMatch(/MediaLive {2}output outputs\/v720 \(HD AVC <10 Mbps ≤30 fps\)\s+20\.00 x \$0\.7020\s+\$14\.04/);
  expect(demos).toMatch(/assumes viewing: live 150 viewers x 12 min/);
  expect(other).toMatch(/usage: 10 live h\/month \[plan_default\], 100 viewers \[plan_default\] x 30 min \[plan_default\]/);
  const flagged = runCli(["media", "cost", "plan", planFile, "--dir", projectPath("examples"), "--hours", "5", "--json"]);
  expect(JSON.parse(flagged.stdout).estimates.map((e: { usage: { liveHoursPerMonth: number } }) => e.usage.liveHoursPerMonth)).toEqual([5, 5]);
});

test("egress, archive and log volumes can be set instead of derived, and say so", () => {
  const p = pipeline("studio_live_feed").resolved;
  const e = estimate(inventoryOfPipeline(p), usageFor(p, { hours: 10, egressGb: 2000, archiveGb: 100, logGb: 3, vodViews: 7 }).usage, table);
  const lines = Object.fromEntries(e.lines.map((l) => [l.item, l]));
  expect(lines["data transfer out first 10 TB"].quantity).toBe(2000);
  expect(lines["origination to CloudFront"].quantity).toBeCloseTo(2000 * 0.1, 9); // all of it live viewing
  expect(lines["archive in STANDARD (7 days of each recording)"].quantity).toBeCloseTo((100 * 7) / 30.42, 9);
  expect(lines["CloudWatch Logs ingestion (channel logs)"].quantity).toBe(3);
  expect(e.assumptions.join("\n")).toMatch(
    /CDN egress 2000 GB a month \(set\)[\s\S]*archive: 100\.00 GB recorded a month \(set\)[\s\S]*channel logs: 3\.000 GB a month \(set\)/,
  );
  expect(usageFor(p, { vodViews: 7 }).from.vod_views_per_month).toBe("flag");
});
