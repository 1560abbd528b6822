/** Cost arithmetic checked against hand-computed cases from the shipped price table. */
import { mockClient } from "aws-sdk-client-mock";
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import { loadPipelines } from "../../src/core/definitions";
import { loadCatalog } from "../../src/core/catalog";
import { projectPath } from "../../src/core/project-paths";
import { UserError } from "../../src/core/problems";
import { cloudfrontTransfer, daysPerStorageClass, estimate, priceTableAgeDays, regionPrices } from "../../src/cost/estimate";
import { inventoryOfPipeline } from "../../src/cost/inventory";
import { inventoriesOfPlan } from "../../src/cost/plan-inventory";
import { loadPriceTable } from "../../src/cost/prices";
import { estimatePipelines } from "../../src/cost/report";
import { refreshPriceTable } from "../../src/cost/refresh";
import { usageFor } from "../../src/cost/usage";
import { runCli } from "../support/cli";

const table = loadPriceTable();
const pipeline = (id: string) => loadPipelines([projectPath("examples")]).pipelines.find((p) => p.resolved.pipeline_id === id)!;

test("studio_live_feed, 10 live hours, tier defaults: every line item by hand", () => {
  const p = pipeline("studio_live_feed").resolved;
  const e = estimate(inventoryOfPipeline(p), usageFor(p, { hours: 10 }).usage, table);
  const usd = Object.fromEntries(e.lines.map((l) => [`${l.service} ${l.item}`, l.usd]));
  const ladderGb = ((5128 + 3428 + 1596) * 1000 * 3600 * 10) / 8 / 1e9; // 45.684 GB: QVBR caps plus audio, 10 hours
  const expected: Record<string, number> = {
    "MediaLive input elemental_link (HD, up to 20 Mbps)": 0.083 * 10,
    "MediaLive output 1080p (HD AVC ≤30 fps)": 0.177 * 10,
    "MediaLive output 720p (HD AVC ≤30 fps)": 0.177 * 10,
    "MediaLive output 480p (SD AVC ≤30 fps)": 0.108 * 10,
    "MediaLive idle channel (stopped)": 0.01 * 720,
    "MediaPackage ingest": ladderGb * 0.03,
    "CloudFront data transfer out first 10 TB": 11.25 * 0.085, // 20 viewers x 30 min = 10 h at 2.5 Mbps = 11.25 GB
    "CloudFront HTTPS requests (10k)": 1.2 * 0.01, // 10 h x 3600 s / 6 s segments x 2 requests
    "MediaPackage origination to CloudFront": 11.25 * 0.1 * 0.05,
    "S3 archive in STANDARD (7 days of each recording)": (ladderGb * 7) / 30.42 * 0.023,
    "S3 archive segment uploads (1k PUT)": 18 * 0.005, // 10 h x 3600 / 6 x 3 renditions
    "Other EventBridge events (million)": 10 / 1e6,
    "Other Step Functions express requests (million)": 10 / 1e6,
  };
  expect(Object.keys(usd).sort()).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) expect({ k, usd: usd[k] }).toEqual({ k, usd: expect.closeTo(v, 9) });
  expect(e.monthlyUsd).toBeCloseTo(Object.values(expected).reduce((a, b) => a + b, 0), 9);
  expect(e.byService.MediaLive).toBeCloseTo(0.83 + 1.77 + 1.77 + 1.08 + 7.2, 9);
});

test("CloudFront transfer walks the price tiers, after the free tier when asked", () => {
  const prices = regionPrices(table, "us-east-1");
  const lines = cloudfrontTransfer(20480, prices, false);
  expect(lines.map((l) => [l.quantity, l.unitUsd])).toEqual([[10240, 0.085], [10240, 0.08]]);
  expect(lines.reduce((s, l) => s + l.usd, 0)).toBeCloseTo(870.4 + 819.2, 9);
  expect(cloudfrontTransfer(1000, prices, true)).toEqual([]);
  expect(cloudfrontTransfer(1124, prices, true).map((l) => l.quantity)).toEqual([100]);
});

test("STANDARD channels price inputs and outputs at the multiplier", () => {
  const p = pipeline("company-webinars").resolved;
  const e = estimate(inventoryOfPipeline(p), usageFor(p, { hours: 8 }).usage, table);
  const output = e.lines.find((l) => l.item.startsWith("output 1080p"))!;
  const euRate = table.regions["eu-west-1"].medialive.output_per_hour.HD_AVC_30.usd;
  expect(euRate).toBe(0.1912);
  expect(output.unitUsd).toBeCloseTo(0.1912 * 1.75, 9); // eu-west-1 rate, two pipelines
  expect(output.usd).toBeCloseTo(0.1912 * 1.75 * 8, 9);
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

test("bad input is an error, never a silent zero: unknown region, missing price", () => {
  expect(() => regionPrices(table, "ap-south-1")).toThrow(/no prices for region 'ap-south-1'/);
  const p = pipeline("studio_live_feed").resolved;
  const broken = JSON.parse(JSON.stringify(table));
  delete broken.regions["us-east-1"].medialive.output_per_hour.HD_AVC_30;
  expect(() => estimate(inventoryOfPipeline(p), usageFor(p, {}).usage, broken)).toThrow(/no price medialive\.output_per_hour\.HD_AVC_30/);
});

test("tiers are compared with the seed's monthly ranges, and the table's age is known", () => {
  const [e] = estimatePipelines([pipeline("studio_live_feed")], { hours: 744, viewers: 100000, watchMinutes: 120 }, table, loadCatalog());
  expect(e.tierRange).toMatchObject({ min: 50, max: 100, position: "above" });
  expect(priceTableAgeDays(table, new Date("2027-06-01T00:00:00Z"))).toBe(212);
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
              { mode: "managed", type: "aws_medialive_channel", values: { channel_class: "SINGLE_PIPELINE", input_specification: [{ input_resolution: "HD", maximum_bitrate: "MAX_10_MBPS" }], encoder_settings: [{ video_descriptions: [{ name: "v1080", height: 1080, codec_settings: [{ h264_settings: [{ max_bitrate: 5000000, framerate_numerator: 60, framerate_denominator: 1 }] }] }], output_groups: [] }] } },
              { mode: "managed", type: "aws_medialive_input", values: { name: "cam", type: "RTMP_PUSH" } },
              { mode: "managed", type: "aws_cloudfront_distribution", values: {} },
            ],
          },
        ],
      },
    },
  };
  const [inv] = inventoriesOfPlan(plan);
  expect(inv).toMatchObject({ pipeline_id: "module.show", channelClass: "SINGLE_PIPELINE", cdn: true, inputs: [{ id: "cam", resolution: "HD", maxMbps: 10, push: true }], encodes: [{ resolution: "HD", codec: "AVC", fps: 60 }] });
  const e = estimate(inv, { liveHoursPerMonth: 10, viewers: 0, watchMinutesPerViewer: 0, watchedBitrateKbps: 0, vodMinutesPerMonth: 0, vodViewsPerMonth: 0, freeTier: false }, table);
  expect(e.lines.find((l) => l.item.startsWith("output v1080"))!.usd).toBeCloseTo(0.266 * 10, 9);
  expect(() => inventoriesOfPlan({ format_version: "1.2" })).toThrow(/no planned_values/);
});

test("refresh-prices updates matched entries from the Price List API and keeps the rest", async () => {
  const pricing = mockClient(PricingClient);
  const product = (usd: string) => JSON.stringify({ terms: { OnDemand: { t: { priceDimensions: { d: { pricePerUnit: { USD: usd } } } } } } });
  pricing.on(GetProductsCommand).resolves({ PriceList: [] });
  pricing.on(GetProductsCommand, { ServiceCode: "AmazonS3", Filters: [{ Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" }, { Type: "TERM_MATCH", Field: "volumeType", Value: "Standard" }, { Type: "TERM_MATCH", Field: "storageClass", Value: "General Purpose" }] }).resolves({ PriceList: [product("0.0210000000")] });
  const result = await refreshPriceTable(table, ["us-east-1"], new PricingClient({ region: "us-east-1" }), new Date("2027-01-02T00:00:00Z"));
  expect(result.updated).toEqual([{ region: "us-east-1", path: "s3.STANDARD", from: 0.023, to: 0.021 }]);
  expect(result.table.regions["us-east-1"].s3.STANDARD.usd).toBe(0.021);
  expect(result.unmatched.length).toBeGreaterThan(0);
  expect(result.table.regions["us-east-1"].mediapackage.ingest_per_gb.usd).toBe(0.03);
  expect(result.table.as_of).toBe("2027-01-02");
  pricing.reset();
  pricing.on(GetProductsCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
  await expect(refreshPriceTable(table, ["us-east-1"], new PricingClient({ region: "us-east-1" }), new Date())).rejects.toThrow(/needs AWS credentials/);
  pricing.restore();
});

test("the CLI: breakdown, --json, --all table, budget check", () => {
  const one = runCli(["media", "cost", "estimate", "--pipeline", "studio_live_feed", "--dir", projectPath("examples"), "--hours", "10"]);
  expect(one.status).toBe(0);
  expect(one.stdout).toMatch(/monthly \$15\.38; per live hour/);
  expect(one.stdout).toMatch(/tier development: the seed plans \$50\.00-\$100\.00 a month; this estimate is below that range/);
  const json = JSON.parse(runCli(["media", "cost", "estimate", "--all", projectPath("examples"), "--json"]).stdout);
  expect(json.estimates.map((e: { pipeline_id: string }) => e.pipeline_id)).toContain("creator-channel-creator2");
  expect(json.total_monthly_usd).toBeCloseTo(json.estimates.reduce((s: number, e: { monthlyUsd: number }) => s + e.monthlyUsd, 0), 9);
  const over = runCli(["media", "cost", "estimate", "--pipeline", "studio_live_feed", "--dir", projectPath("examples"), "--max-cost-per-month", "5"]);
  expect(over.status).toBe(1);
  expect(over.stderr).toMatch(/over budget: studio_live_feed is estimated at \$\d+\.\d\d a month, above --max-cost-per-month 5/);
  const negative = runCli(["media", "cost", "estimate", "--pipeline", "studio_live_feed", "--dir", projectPath("examples"), "--hours", "-2"]);
  expect([negative.status, negative.stderr.trim()]).toEqual([1, "error: --hours must be a number >= 0; got -2"]);
});
