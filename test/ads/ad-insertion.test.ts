/**
 * Server-side ad insertion (issue 19): the definition's ad_insertion section becomes one MediaTailor playback
 * configuration (awscc) over the MediaPackage v2 channel, read and served through CloudFront (MediaTailor's /v1/*
 * and /tm/* behaviours), with SSAI playback URLs as module outputs that the embedded player uses. Checked against
 * the CloudFormation schema of AWS::MediaTailor::PlaybackConfiguration; the rules refuse what cannot work.
 */
import { checkPipelineDocument } from "../../src/core/definitions";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { runSemanticRules } from "../../src/core/semantic-rules";
import { planPipeline } from "../../src/plans/pipeline-plan";
import { renderPipelineModule } from "../../src/synth/module-render";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { moduleFromContents } from "../../src/validity/module-files";
import { CfnSpec, checkAgainstCfn } from "../../src/validity/cfn-spec";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";

const catalog = loadCatalog();
const ADS = "https://ads.example.com/vast?sid=[session.id]";
const base: PipelineDefinition = {
  pipeline_id: "ads-live",
  pipeline_type: "live_stream",
  sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }],
  transcode_profiles: ["720p", "480p"],
  outputs: ["cloudfront", "s3_archive"],
  region: "eu-west-1",
  tier: "development",
  ad_markers: {},
  ad_insertion: { ad_decision_server_url: ADS },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Terraform JSON
type Doc = Record<string, any>;
function render(def: PipelineDefinition) {
  const files = renderPipelineModule(resolvePipeline(def, catalog)).files;
  const doc = (f: string): Doc => JSON.parse(files.get(f)!);
  return { files, doc };
}
const errors = (def: unknown) =>
  checkPipelineDocument(def, "show.json")
    .filter((p) => p.severity === "error")
    .map((p) => `${p.path} ${p.rule ?? "schema"}`);

test("resolve and plan: the ADS URL, slate and threshold, MediaTailor's regional origins and one personalized endpoint per packaging format", () => {
  const resolved = resolvePipeline(
    { ...base, ad_insertion: { ad_decision_server_url: ADS, slate_ad_url: "https://cdn.example.com/slate.mp4", personalization_threshold_seconds: 4 } },
    catalog,
  );
  expect(resolved.ad_insertion).toEqual({
    ad_decision_server_url: ADS,
    slate_ad_url: "https://cdn.example.com/slate.mp4",
    personalization_threshold_seconds: 4,
    ads_per_viewer_hour: 8,
    ads_per_viewer_hour_from: "default",
  });
  const plan = planPipeline(resolved);
  expect(plan.adInsertion).toMatchObject({
    adDecisionServerUrl: ADS,
    slateAdUrl: "https://cdn.example.com/slate.mp4",
    personalizationThresholdSeconds: 4,
    origins: [
      { id: "mediatailor_manifests", domainName: "manifests.mediatailor.eu-west-1.amazonaws.com" },
      { id: "mediatailor_segments", domainName: "segments.mediatailor.eu-west-1.amazonaws.com" },
    ],
    endpoints: [
      { format: "hls", assetPath: "hls/index.m3u8", manifestType: "hls" },
      { format: "dash", assetPath: "dash/index.mpd", manifestType: "dash" },
      { format: "cmaf", assetPath: "cmaf/index.m3u8", manifestType: "hls" },
    ],
  });
  // MediaTailor's paths come before the media behaviours (its personalized manifests end in .m3u8/.mpd too).
  expect(plan.delivery!.orderedBehaviours.slice(0, 2)).toEqual([
    { pathPattern: "/v1/*", origin: "mediatailor_manifests", cachePolicy: "personalized", compress: true, forwardQueryStrings: true },
    { pathPattern: "/tm/*", origin: "mediatailor_segments", cachePolicy: "segments", compress: false },
  ]);
  expect(plan.delivery!.defaultBehaviour.origin).toBe("mediapackage");
  expect(resolvePipeline({ ...base, usage: { ads_per_viewer_hour: 12 } }, catalog).ad_insertion).toMatchObject({
    ads_per_viewer_hour: 12,
    ads_per_viewer_hour_from: "definition",
  });
});

test("without ad_insertion nothing changes: no plan, no MediaTailor file, no MediaTailor behaviours or outputs", () => {
  const { ad_insertion: _omit, ...plain } = base;
  expect(planPipeline(resolvePipeline(plain, catalog)).adInsertion).toBeUndefined();
  const { files, doc } = render(plain);
  expect(files.has("mediatailor.tf.json")).toBe(false);
  expect(files.get("cloudfront.tf.json")).not.toMatch(/mediatailor|origin_request_policy|personalized/);
  expect(Object.keys(doc("outputs.tf.json").output).filter((o) => o.startsWith("ssai_"))).toEqual([]);
});

test("generator: the playback configuration reads MediaPackage through CloudFront and points manifests' segments at CloudFront", () => {
  const { doc } = render({ ...base, ad_insertion: { ad_decision_server_url: ADS, personalization_threshold_seconds: 6 } });
  const config = doc("mediatailor.tf.json").resource.awscc_mediatailor_playback_configuration.main;
  const cdn = "https://${aws_cloudfront_distribution.main.domain_name}";
  expect(config).toEqual({
    name: "${var.name_prefix}",
    ad_decision_server_url: ADS,
    video_content_source_url: `${cdn}/out/v1/\${aws_media_packagev2_channel_group.main.name}/live`,
    personalization_threshold_seconds: 6,
    cdn_configuration: { ad_segment_url_prefix: cdn, content_segment_url_prefix: cdn },
    tags: "${local.awscc_tags}",
  });
});

test("generator: CloudFront gets MediaTailor's origins (HTTPS only), an uncached /v1/* behaviour forwarding query strings and a cached /tm/* behaviour", () => {
  const cf = render(base).doc("cloudfront.tf.json").resource;
  const d = cf.aws_cloudfront_distribution.main;
  const origin = (id: string) => d.origin.find((o: Doc) => o.origin_id === id);
  for (const [id, host] of [
    ["mediatailor_manifests", "manifests.mediatailor.eu-west-1.amazonaws.com"],
    ["mediatailor_segments", "segments.mediatailor.eu-west-1.amazonaws.com"],
  ]) {
    expect(origin(id)).toMatchObject({ domain_name: host, custom_origin_config: { origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] } });
    expect(origin(id).origin_access_control_id).toBeUndefined();
  }
  const [playback, ads] = d.ordered_cache_behavior;
  expect(playback).toMatchObject({
    path_pattern: "/v1/*",
    target_origin_id: "mediatailor_manifests",
    viewer_protocol_policy: "https-only",
    cache_policy_id: "${aws_cloudfront_cache_policy.personalized.id}",
    origin_request_policy_id: "${aws_cloudfront_origin_request_policy.query_strings.id}",
  });
  expect(ads).toMatchObject({ path_pattern: "/tm/*", target_origin_id: "mediatailor_segments", viewer_protocol_policy: "https-only" });
  expect(ads.origin_request_policy_id).toBeUndefined();
  expect(cf.aws_cloudfront_cache_policy.personalized).toMatchObject({ min_ttl: 0, default_ttl: 0, max_ttl: 0 });
  expect(cf.aws_cloudfront_cache_policy.personalized.parameters_in_cache_key_and_forwarded_to_origin.query_strings_config).toEqual({
    query_string_behavior: "none",
  });
  expect(cf.aws_cloudfront_origin_request_policy.query_strings.query_strings_config).toEqual({ query_string_behavior: "all" });
  // Every behaviour stays HTTPS only.
  for (const b of [d.default_cache_behavior, ...d.ordered_cache_behavior]) expect(b.viewer_protocol_policy).toBe("https-only");
});

test("outputs: SSAI playback URLs through CloudFront per format, and the embedded player starts a MediaTailor session", () => {
  const { doc, files } = render(base);
  const outputs = doc("outputs.tf.json").output;
  expect(outputs.ssai_hls_playback_url.value).toBe("${local.ssai_hls_playback_url}");
  expect(outputs.ssai_dash_playback_url.value).toBe("${local.ssai_dash_playback_url}");
  expect(outputs.ssai_cmaf_playback_url.value).toBe("${local.ssai_cmaf_playback_url}");
  expect(outputs.mediatailor_playback_configuration_arn.value).toBe("${awscc_mediatailor_playback_configuration.main.playback_configuration_arn}");
  const locals = doc("main.tf.json").locals;
  const swap = (kind: string, asset: string) =>
    `https://\${aws_cloudfront_distribution.main.domain_name}/\${replace(awscc_mediatailor_playback_configuration.main.${kind}_configuration.manifest_endpoint_prefix, "/^https://[^/]+//", "")}${asset}`;
  expect(locals.ssai_hls_playback_url).toBe(swap("hls", "hls/index.m3u8"));
  expect(locals.ssai_dash_playback_url).toBe(swap("dash", "dash/index.mpd"));
  expect(locals.ssai_cmaf_playback_url).toBe(swap("hls", "cmaf/index.m3u8"));
  // The plain MediaPackage URLs stay (players without ads, monitoring), the snippet plays the SSAI one.
  expect(outputs.hls_playback_url).toBeDefined();
  expect(outputs.player_embed_html.value).toContain("${local.ssai_hls_playback_url}");
  expect(outputs.player_embed_html.value).not.toContain("${local.hls_playback_url}");
  expect(files.get("outputs.tf.json")).not.toContain("ads.example.com");
});

test("a ${ or %{ in the ADS URL stays a literal in Terraform", () => {
  const { doc } = render({ ...base, ad_insertion: { ad_decision_server_url: "https://ads.example.com/v?x=${y}&z=%{w}" } });
  expect(doc("mediatailor.tf.json").resource.awscc_mediatailor_playback_configuration.main.ad_decision_server_url).toBe(
    "https://ads.example.com/v?x=$${y}&z=%%{w}",
  );
});

test("the module passes every validity rule, including AWS::MediaTailor::PlaybackConfiguration's CloudFormation schema", () => {
  const { files } = render({
    ...base,
    ad_insertion: { ad_decision_server_url: ADS, slate_ad_url: "https://cdn.example.com/s.mp4", personalization_threshold_seconds: 2 },
  });
  expect(formatFindings(checkModuleFiles(moduleFromContents(files)).findings)).toBe("");
});

test("NEGATIVE: the CloudFormation schema check catches a misspelled property and a missing required one", () => {
  const { doc } = render(base);
  const tailor = doc("mediatailor.tf.json");
  const config = tailor.resource.awscc_mediatailor_playback_configuration.main;
  const spec = CfnSpec.load();
  expect(checkAgainstCfn(spec, tailor, "mediatailor.tf.json")).toEqual([]);
  const { video_content_source_url: _source, ...missing } = config;
  const misspelled = { ...config, cdn_configuration: { ad_segments_url_prefix: "https://x" } };
  const broken = { resource: { awscc_mediatailor_playback_configuration: { missing, misspelled } } };
  const report = checkAgainstCfn(spec, broken, "mediatailor.tf.json").map((f) => `${f.path}: ${f.message}`);
  expect(report).toEqual(
    expect.arrayContaining([expect.stringMatching(/missing.*VideoContentSourceUrl|video_content_source_url/), expect.stringMatching(/ad_segments_url_prefix/)]),
  );
});

test("schema: the ad decision server and slate URLs must be https, refused at their JSON paths", () => {
  expect(errors(base)).toEqual([]);
  expect(errors({ ...base, ad_insertion: { ad_decision_server_url: "http://ads.example.com/vast", slate_ad_url: "ftp://x/s.mp4" } }).sort()).toEqual([
    "$.ad_insertion.ad_decision_server_url schema",
    "$.ad_insertion.slate_ad_url schema",
  ]);
  expect(errors({ ...base, ad_insertion: {} })).toEqual(["$.ad_insertion schema"]);
});

test("BMF-AD-INSERTION: SSAI needs ad markers (SCTE-35 passthrough), a public stream and a live pipeline through CloudFront", () => {
  const rule = (def: PipelineDefinition) => runSemanticRules(def, catalog, "p.json").map((p) => `${p.path} ${p.rule}`);
  expect(rule(base)).toEqual([]);
  const { ad_markers: _m, ...noMarkers } = base;
  expect(rule(noMarkers)).toEqual(["$.ad_insertion BMF-AD-INSERTION"]);
  expect(rule({ ...base, ad_markers: { scte35_passthrough: false } })).toEqual(["$.ad_markers.scte35_passthrough BMF-AD-INSERTION"]);
  expect(rule({ ...base, access: "private" })).toEqual(["$.access BMF-AD-INSERTION"]);
  // Without CloudFront both ad rules speak, each at its own section.
  expect(rule({ ...base, outputs: ["s3_archive"] }).sort()).toEqual(["$.ad_insertion BMF-AD-INSERTION", "$.ad_markers BMF-AD-MARKERS"]);
  expect(rule({ ...noMarkers, pipeline_type: "vod_processing", sources: ["s3"], outputs: ["cloudfront"] })).toContain("$.ad_insertion BMF-AD-INSERTION");
});

test("NEGATIVE: CFN-AWSCC-REFERENCE catches a playback URL built on a nested attribute MediaTailor does not have", () => {
  const { files } = render(base);
  const broken = new Map(files);
  broken.set("main.tf.json", files.get("main.tf.json")!.replace("hls_configuration.manifest_endpoint_prefix", "hls_configuration.manifest_prefix"));
  const report = formatFindings(checkModuleFiles(moduleFromContents(broken)).findings);
  expect(report).toMatch(
    /manifest_prefix: .* has no attribute "hls_configuration\.manifest_prefix" .*hls_configuration\.manifest_endpoint_prefix.*CFN-AWSCC-REFERENCE/,
  );
});
