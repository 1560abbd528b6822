/**
 * A failover region doubles what runs there (the channel, its MediaPackage v2 ingest, its logs, its events sent to
 * the pipeline bus) and nothing else (one CloudFront distribution, one archive). Priced with a table whose failover
 * region carries the primary's figures, so the doubled lines can be compared number for number.
 */
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { estimate, type LineItem } from "../../src/cost/estimate";
import { inventoryOfPipeline } from "../../src/cost/inventory";
import { loadPriceTable } from "../../src/cost/prices";
import { usageFor } from "../../src/cost/usage";
import type { ResolvedPipeline } from "../../src/core/resolve";

const twoRegion = loadPipelines([projectPath("examples", "two-region-live.json")]).pipelines[0].resolved;
const { failover_region: _failover, ...oneRegion } = twoRegion;
const shipped = loadPriceTable();
// The shipped table has no verified us-west-2 MediaLive prices; the test table gives us-west-2 the us-east-1 figures.
const table = { ...shipped, regions: { ...shipped.regions, "us-west-2": shipped.regions["us-east-1"] } };
const priced = (p: ResolvedPipeline) => estimate(inventoryOfPipeline(p), usageFor(p, {}).usage, table);
const FAILOVER = " (failover, us-west-2)";

test("the inventory carries the second channel (MediaPackage outputs only), its packaging and its forwarding rule", () => {
  const inv = inventoryOfPipeline(twoRegion);
  expect(inv.failover).toMatchObject({ region: "us-west-2", channelClass: inv.channelClass, packaged: true, eventRules: 1, inputs: inv.inputs });
  expect(inv.failover!.channelOutputs).toEqual(inv.channelOutputs!.filter((o) => o.group === "mediapackage"));
  expect(inventoryOfPipeline(oneRegion as ResolvedPipeline).failover).toBeUndefined();
  // The normalizer of the forwarded events is a rule on the pipeline bus, in the primary region.
  expect(inv.eventRules).toBe(inventoryOfPipeline(oneRegion as ResolvedPipeline).eventRules + 1);
});

test("the estimate doubles the channel, MediaPackage ingest, logs and events; CloudFront, the archive and the alarms once", () => {
  const two = priced(twoRegion);
  const one = priced(oneRegion);
  const added = two.lines.filter((l) => !one.lines.some((o) => o.item === l.item && o.service === l.service));
  const usd = (lines: LineItem[], item: string) => lines.find((l) => l.item === item)?.usd;

  // Every doubled line matches its primary-region twin.
  for (const l of added.filter((a) => a.item.endsWith(FAILOVER))) {
    const twin = l.item.replace(FAILOVER, "").replace("EventBridge events sent cross-region", "EventBridge events");
    const other = one.lines.find((o) => o.item === twin)!;
    expect({ item: l.item, quantity: l.quantity, priceKey: l.priceKey, usd: l.usd }).toEqual({
      item: l.item,
      quantity: other.quantity,
      priceKey: other.priceKey,
      usd: other.usd,
    });
  }
  expect(added.map((l) => l.item).sort()).toEqual(
    [
      "input rtmp (HD, up to 20 Mbps)",
      "output mediapackage/720p (HD AVC <10 Mbps ≤30 fps)",
      "output mediapackage/540p (SD AVC <10 Mbps ≤30 fps)",
      "output mediapackage/360p (SD AVC <10 Mbps ≤30 fps)",
      "output mediapackage/288p (SD AVC <10 Mbps ≤30 fps)",
      "idle channel (stopped)",
      "idle push inputs (1)",
      "ingest",
      "EventBridge events sent cross-region (million)",
      "CloudWatch Logs ingestion (channel logs)",
      "CloudWatch Logs storage",
    ]
      .map((i) => `${i}${FAILOVER}`)
      .concat(["Step Functions express requests, failover channel's events (million)"])
      .sort(),
  );
  // Not doubled: the archive outputs and recording, the CDN, MediaPackage origination, the alarms.
  for (const service of ["CloudFront", "S3"]) expect(two.byService[service]).toBe(one.byService[service]);
  expect(two.lines.filter((l) => l.item.startsWith("output archive/")).length).toBe(one.lines.filter((l) => l.item.startsWith("output archive/")).length);
  expect(usd(two.lines, "origination to CloudFront")).toBe(usd(one.lines, "origination to CloudFront"));
  expect(two.assumptions.some((a) => a.startsWith("failover region us-west-2: a second"))).toBe(true);
  expect(two.monthlyUsd).toBeGreaterThan(one.monthlyUsd);
});

test("without a price for the failover region, its lines are unpriced (listed, never zero) rather than borrowed from the primary", () => {
  const e = estimate(inventoryOfPipeline(twoRegion), usageFor(twoRegion, {}).usage, shipped);
  const failoverLines = e.lines.filter((l) => l.item.endsWith(FAILOVER) && l.quantity > 0);
  expect(failoverLines.length).toBeGreaterThan(0);
  for (const l of failoverLines) expect(e.unpriced).toContainEqual(expect.objectContaining({ item: l.item }));
});

test("the failover channel's share of a live hour is what the second region adds to it; with unpriced lines, it says so", () => {
  const two = priced(twoRegion);
  const one = priced(oneRegion);
  expect(one.failoverPerLiveHour).toBeUndefined();
  expect(two.failoverPerLiveHour!.usd).toBeGreaterThan(0);
  expect(two.failoverPerLiveHour!.usd).toBeCloseTo(two.perLiveHourUsd - one.perLiveHourUsd, 9);
  // The table has no price for this channel class's encoding hours (in either region): the share is a lower bound, flagged.
  const unpricedHours = two.lines.filter((l) => l.item.endsWith(FAILOVER) && l.service === "MediaLive" && !l.item.startsWith("idle") && l.usd === null);
  expect(two.failoverPerLiveHour!.complete).toBe(unpricedHours.length === 0);
});
