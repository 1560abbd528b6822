import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";

test("the seed's Phase 1 example validates verbatim and resolves against the catalog", () => {
  const { pipelines } = loadPipelines([projectPath("examples", "studio_live_feed.json")]);
  expect(pipelines).toHaveLength(1);
  const p = pipelines[0].resolved;
  expect(p.pipeline_id).toBe("studio_live_feed");
  expect(p.rungs.map((r) => r.name)).toEqual(["1080p", "720p", "480p"]);
  expect(p.outputs.map((o) => o.id)).toEqual(["cloudfront", "youtube", "s3_archive"]);
  expect(p.outputs[1].stream_key).toEqual({ kind: "variable", ref: "youtube_stream_key" });
  expect(p.tier_settings.channel_class).toBe("SINGLE_PIPELINE");
});
