/** The embed reads a module's SSAI (MediaTailor) playback URLs when the module has them, and MediaPackage's otherwise. */
import { playbackFromOutputs } from "../../src/embed/module-outputs";
import { terraformPlayback } from "../../src/embed/terraform-snippet";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";

const plain = {
  hls_playback_url: { value: "https://d1.cloudfront.net/out/v1/g/live/hls/index.m3u8" },
  cmaf_playback_url: { value: "https://d1.cloudfront.net/out/v1/g/live/cmaf/index.m3u8" },
  dash_playback_url: { value: "https://d1.cloudfront.net/out/v1/g/live/dash/index.mpd" },
};
const ssai = {
  ssai_hls_playback_url: { value: "https://d1.cloudfront.net/v1/master/abc/ads-live/hls/index.m3u8" },
  ssai_cmaf_playback_url: { value: "https://d1.cloudfront.net/v1/master/abc/ads-live/cmaf/index.m3u8" },
  ssai_dash_playback_url: { value: "https://d1.cloudfront.net/v1/dash/abc/ads-live/dash/index.mpd" },
};

test("without SSAI outputs the player plays MediaPackage's manifests through CloudFront", () => {
  expect(playbackFromOutputs(plain, "outputs.json")).toEqual({ hls: plain.hls_playback_url.value, dash: plain.dash_playback_url.value });
});

test("with SSAI outputs the player starts MediaTailor sessions (HLS, else CMAF; DASH)", () => {
  expect(playbackFromOutputs({ ...plain, ...ssai }, "outputs.json")).toEqual({
    hls: ssai.ssai_hls_playback_url.value,
    dash: ssai.ssai_dash_playback_url.value,
  });
  const { ssai_hls_playback_url: _h, ...cmafOnly } = ssai;
  expect(playbackFromOutputs({ ...plain, ...cmafOnly }, "outputs.json").hls).toBe(ssai.ssai_cmaf_playback_url.value);
  // An empty SSAI output (not yet applied) is no SSAI URL.
  expect(playbackFromOutputs({ ...plain, ssai_hls_playback_url: { value: "" } }, "outputs.json").hls).toBe(plain.hls_playback_url.value);
});

test("the module's snippet defaults to the SSAI locals when the pipeline inserts ads", () => {
  const catalog = loadCatalog();
  const def: PipelineDefinition = {
    pipeline_id: "ads-live",
    pipeline_type: "live_stream",
    sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }],
    transcode_profiles: ["720p"],
    outputs: ["cloudfront"],
    region: "us-east-1",
    tier: "development",
    ad_markers: {},
  };
  expect(terraformPlayback(resolvePipeline(def, catalog)).expressions.hls).toBe("${local.hls_playback_url}");
  const ads = resolvePipeline({ ...def, ad_insertion: { ad_decision_server_url: "https://ads.example.com/vast" } }, catalog);
  expect(terraformPlayback(ads).expressions.hls).toBe("${local.ssai_hls_playback_url}");
  expect(terraformPlayback({ ...ads, packaging: ["dash"] }).expressions.dash).toBe("${local.ssai_dash_playback_url}");
});
