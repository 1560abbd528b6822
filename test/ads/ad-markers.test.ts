/**
 * SCTE-35 passthrough and ad markers: off (NO_PASSTHROUGH, no cue tags, no SCTE settings on the endpoints) unless the
 * definition has an ad_markers section; with it, the MediaPackage output group passes SCTE-35 through and the
 * MediaPackage v2 endpoints write ad markers (HLS DATERANGE, DASH periods with SCTE-35 events). The generated
 * module passes every validity rule (MediaLive API model, CloudFormation schema of the awscc endpoints).
 */
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { runSemanticRules } from "../../src/core/semantic-rules";
import { planPipeline } from "../../src/plans/pipeline-plan";
import { renderPipelineModule } from "../../src/synth/module-render";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { moduleFromContents } from "../../src/validity/module-files";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";

const catalog = loadCatalog();
const base: PipelineDefinition = {
  pipeline_id: "ads-live",
  pipeline_type: "live_stream",
  sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }],
  transcode_profiles: ["720p", "480p"],
  outputs: ["cloudfront", "s3_archive"],
  region: "us-east-1",
  tier: "development",
};

function render(def: PipelineDefinition) {
  const files = renderPipelineModule(resolvePipeline(def, catalog)).files;
  const doc = (f: string) => JSON.parse(files.get(f)!);
  const channel = doc("medialive.tf.json").resource.aws_medialive_channel.main;
  const groups = channel.encoder_settings.output_groups as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Terraform JSON
  const group = (name: string) => groups.find((g) => g.name === name)!;
  const hls = (name: string) => group(name).output_group_settings.hls_group_settings;
  const m3u8 = (name: string) => group(name).outputs.map((o: any) => o.output_settings.hls_output_settings.hls_settings.standard_hls_settings?.m3u8_settings); // eslint-disable-line @typescript-eslint/no-explicit-any -- Terraform JSON
  const endpoints = doc("mediapackage.tf.json").resource.awscc_mediapackagev2_origin_endpoint;
  return { files, hls, m3u8, endpoints };
}

test("without ad_markers SCTE-35 is dropped, as before: NO_PASSTHROUGH, no cue tags, no SCTE settings on the endpoints", () => {
  const { hls, m3u8, endpoints } = render(base);
  expect(hls("mediapackage").ad_markers).toBeUndefined();
  for (const m of m3u8("mediapackage").filter(Boolean)) expect(m.scte35_behavior).toBe("NO_PASSTHROUGH");
  for (const e of Object.values<any>(endpoints)) expect(JSON.stringify(e)).not.toMatch(/scte/); // eslint-disable-line @typescript-eslint/no-explicit-any -- Terraform JSON
});

test("ad_markers: the MediaPackage group passes SCTE-35 through on PID 500 with Elemental cue tags; the archive recording is unchanged", () => {
  const { hls, m3u8 } = render({ ...base, ad_markers: {} });
  expect(hls("mediapackage").ad_markers).toEqual(["ELEMENTAL_SCTE35"]);
  const video = m3u8("mediapackage").filter(Boolean);
  expect(video.length).toBe(2);
  for (const m of video) expect(m).toMatchObject({ scte35_behavior: "PASSTHROUGH", scte35_pid: "500" });
  expect(hls("archive").ad_markers).toBeUndefined();
  for (const m of m3u8("archive").filter(Boolean)) expect(m.scte35_behavior).toBe("NO_PASSTHROUGH");
});

test("ad_markers: HLS endpoints write EXT-X-DATERANGE, DASH splits ad avails into periods with the chosen marker form, all filter ad types", () => {
  const { endpoints } = render({ ...base, ad_markers: { dash: "BINARY" } });
  const filter = [
    "SPLICE_INSERT",
    "BREAK",
    "PROVIDER_ADVERTISEMENT",
    "DISTRIBUTOR_ADVERTISEMENT",
    "PROVIDER_PLACEMENT_OPPORTUNITY",
    "DISTRIBUTOR_PLACEMENT_OPPORTUNITY",
  ];
  for (const name of ["hls", "dash", "cmaf"]) expect(endpoints[name].segment.scte.scte_filter).toEqual(filter);
  expect(endpoints.hls.hls_manifests[0].scte_hls).toEqual({ ad_marker_hls: "DATERANGE" });
  expect(endpoints.cmaf.hls_manifests[0].scte_hls).toEqual({ ad_marker_hls: "DATERANGE" });
  // DATERANGE needs program date time in the manifest (MediaPackage v2 API): every HLS manifest has it.
  expect(endpoints.hls.hls_manifests[0].program_date_time_interval_seconds).toBeGreaterThanOrEqual(1);
  expect(endpoints.dash.dash_manifests[0]).toMatchObject({ scte_dash: { ad_marker_dash: "BINARY" }, period_triggers: ["AVAILS"] });
});

test("scte35_passthrough: false keeps SCTE-35 off (the section can stay in the definition)", () => {
  const resolved = resolvePipeline({ ...base, ad_markers: { scte35_passthrough: false } }, catalog);
  expect(resolved.ad_markers).toBeUndefined();
  expect(planPipeline(resolved).live!.scte35).toBeUndefined();
  expect(resolvePipeline({ ...base, ad_markers: {} }, catalog).ad_markers).toEqual({ dash: "XML" });
});

test("the module with ad markers passes every validity rule (MediaLive API model, CloudFormation schema of the endpoints)", () => {
  const { files } = render({ ...base, ad_markers: { dash: "XML" } });
  expect(formatFindings(checkModuleFiles(moduleFromContents(files)).findings)).toBe("");
});

test("BMF-AD-MARKERS: ad markers without MediaPackage (no CDN output, or a VOD pipeline) are refused with the JSON path", () => {
  const noCdn = runSemanticRules({ ...base, outputs: ["s3_archive"], ad_markers: {} }, catalog, "p.json");
  expect(noCdn).toEqual([expect.objectContaining({ rule: "BMF-AD-MARKERS", path: "$.ad_markers", file: "p.json" })]);
  expect(runSemanticRules({ ...base, ad_markers: {} }, catalog, "p.json")).toEqual([]);
  expect(runSemanticRules({ ...base, outputs: ["s3_archive"], ad_markers: { scte35_passthrough: false } }, catalog, "p.json")).toEqual([]);
});

test("NEGATIVE: the same rules catch a misspelled SCTE setting and a MediaLive enum MediaLive does not have", () => {
  const { files } = render({ ...base, ad_markers: {} });
  const broken = new Map(files);
  broken.set("mediapackage.tf.json", files.get("mediapackage.tf.json")!.replace(/"ad_marker_hls"/g, '"ad_markers_hls"'));
  broken.set("medialive.tf.json", files.get("medialive.tf.json")!.replace(/"ELEMENTAL_SCTE35"/g, '"ELEMENTAL_SCTE_35"'));
  const report = formatFindings(checkModuleFiles(moduleFromContents(broken)).findings);
  expect(report).toMatch(/ad_markers_hls/);
  expect(report).toMatch(/ELEMENTAL_SCTE_35/);
});
