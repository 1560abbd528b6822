/** The plans are plain data decided once from the resolved pipeline, and they say what the module and the bill share. */
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { planPipeline } from "../../src/plans/pipeline-plan";

const resolved = (id: string) => loadPipelines([projectPath("examples")]).pipelines.find((p) => p.resolved.pipeline_id === id)!.resolved;

/** Every object is a plain object or array and every leaf a JSON value: no functions, class instances or CDKTF tokens. */
function nonPlainParts(value: unknown, at = "plan"): string[] {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return [];
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonPlainParts(v, `${at}[${i}]`));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value).flatMap(([k, v]) => nonPlainParts(v, `${at}.${k}`));
  return [`${at}: ${typeof value === "object" ? value.constructor?.name : typeof value}`];
}

test("every example's plan is plain data, the same on every call", () => {
  for (const p of loadPipelines([projectPath("examples")]).pipelines) {
    const plan = planPipeline(p.resolved);
    expect(nonPlainParts(plan)).toEqual([]);
    expect(planPipeline(p.resolved)).toEqual(plan);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(JSON.parse(JSON.stringify(planPipeline(p.resolved))));
  }
});

test("a STANDARD channel: two pipelines everywhere they matter (destinations, recordings, alarms)", () => {
  const plan = planPipeline(resolved("company-webinars"));
  expect(plan.live).toMatchObject({ channelClass: "STANDARD", pipelines: [0, 1], segmentSeconds: 2 });
  expect(plan.archive).toMatchObject({ pipelinesRecorded: [0, 1], segmentSeconds: 2, retentionDays: 400 });
  expect(plan.monitoring!.alarms.map((a) => a.id)).toEqual([
    "input_loss_pipeline0",
    "input_loss_pipeline1",
    "active_alerts_pipeline0",
    "active_alerts_pipeline1",
    "output_errors_mediapackage_pipeline0",
    "output_errors_mediapackage_pipeline1",
    "output_errors_archive_pipeline0",
    "output_errors_archive_pipeline1",
  ]);
  expect(plan.live!.outputGroups.map((g) => g.name)).toEqual(["mediapackage", "archive"]);
});

test("delivery: MediaPackage origin by default, the archive and VOD buckets under their prefixes, manifests cached briefly", () => {
  const plan = planPipeline(resolved("company-webinars"));
  expect(plan.delivery!.defaultBehaviour).toMatchObject({ origin: "mediapackage", cachePolicy: "segments" });
  expect(plan.delivery!.orderedBehaviours.map((b) => `${b.pathPattern} ${b.origin} ${b.cachePolicy}`)).toEqual([
    "/recordings/*.m3u8 archive manifests",
    "/recordings/*.mpd archive manifests",
    "/recordings/* archive segments",
    "/archive/*.m3u8 archive manifests",
    "/archive/*.mpd archive manifests",
    "/archive/* archive segments",
    "/vod/*.m3u8 vod_output manifests",
    "/vod/*.mpd vod_output manifests",
    "/vod/* vod_output segments",
    "*.m3u8 mediapackage manifests",
    "*.mpd mediapackage manifests",
  ]);
  expect(plan.delivery!.segmentSeconds).toBe(plan.packaging!.timings.segmentSeconds);
});

test("VOD: the job template writes one group per packaging format, every rung in each (audio as its own track in DASH/CMAF)", () => {
  const plan = planPipeline(resolved("vod-library"));
  expect(plan.live).toBeUndefined();
  const rungs = plan.vod!.rungs.map((r) => r.name);
  expect(plan.vod!.groups.map((g) => g.name)).toEqual(["HLS", "DASH", "Thumbnails"]);
  expect(plan.vod!.groups[2].outputs).toEqual([{ nameModifier: "_thumb", kind: "frame_capture" }]);
  expect(plan.vod!.groups[0].outputs.map((o) => o.nameModifier)).toEqual(rungs.map((r) => `_${r}`));
  expect(plan.vod!.groups[1].outputs.map((o) => o.nameModifier)).toEqual([
    ...plan.vod!.rungs.filter((r) => r.kind === "video").map((r) => `_${r.name}`),
    "_audio",
  ]);
  expect(plan.delivery).toMatchObject({ mediapackageOrigin: false, defaultBehaviour: { origin: "vod_output" }, segmentSeconds: plan.vod!.segmentSeconds });
  expect(plan.events.normalizations).toEqual(["transcode_state"]);
});
