/**
 * backend ivs through the project's checks: the synthesized module passes every validity rule, and real `terraform
 * validate` + an offline `plan` (the shared harness, hashicorp/aws from the filesystem mirror) create exactly the IVS
 * channel, its recording configuration into the archive bucket and the playback key pair, with the stream key sensitive.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { writeModule } from "../../src/synth/module-writer";
import { renderPipelineModule as renderModule } from "../../src/synth/module-render";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { moduleFromContents } from "../../src/validity/module-files";
import { checkModuleWithTerraform, errorsOf, requireProviderMirror } from "../../src/validity/terraform-check";

const skip = process.env.BLACKWELL_SKIP_TERRAFORM === "1";

describe("a private, recorded IVS module with the longest name prefix", () => {
  const resolved = resolvePipeline(
    {
      pipeline_id: "a-pipeline-id-of-28-chars-xy",
      pipeline_type: "live_stream",
      backend: "ivs",
      sources: ["rtmp"],
      transcode_profiles: ["abr_1080p"],
      outputs: ["cloudfront", "s3_archive"],
      access: "private",
      low_latency: true,
      region: "eu-west-1",
      tier: "standard",
    } as never,
    loadCatalog(),
  );
  const rendered = renderModule(resolved);
  const module = { name: "ivs", dir: writeModule(rendered, fs.mkdtempSync(path.join(os.tmpdir(), "bmf-ivs-"))), region: resolved.region };
  const file = (name: string) => JSON.parse(rendered.files.get(name)!);

  test("holds only the IVS file and the module's own files, and passes every validity rule", () => {
    expect([...rendered.files.keys()].filter((f) => f.endsWith(".tf.json")).sort()).toEqual([
      "examples/basic/main.tf.json",
      "ivs.tf.json",
      "main.tf.json",
      "outputs.tf.json",
      "variables.tf.json",
      "versions.tf.json",
    ]);
    expect(formatFindings(checkModuleFiles(moduleFromContents(rendered.files)).findings)).toBe("");
  });

  test("the stream key is a sensitive output read from the data source; no key material is in any file", () => {
    const outputs = file("outputs.tf.json").output;
    expect(outputs.ivs_stream_key).toEqual(expect.objectContaining({ sensitive: true, value: "${data.aws_ivs_stream_key.stream_key.value}" }));
    expect(Object.keys(outputs).sort()).toEqual([
      "archive_bucket_name",
      "ivs_channel_arn",
      "ivs_ingest_endpoint",
      "ivs_playback_key_pair_arn",
      "ivs_playback_url",
      "ivs_stream_key",
    ]);
    expect(file("ivs.tf.json").resource.aws_ivs_playback_key_pair.playback.public_key).toBe("${var.ivs_playback_public_key_pem}");
    for (const text of rendered.files.values()) expect(text).not.toMatch(/BEGIN (EC |RSA )?PRIVATE KEY|sk_[a-z]{2}-[a-z0-9-]+_/);
  });

  test("the module README describes the IVS channel, not a stopped MediaLive channel", () => {
    const readme = rendered.files.get("README.md")!;
    expect(readme).toMatch(/An Amazon IVS \*\*STANDARD\*\* channel[^]*latency mode \*\*LOW\*\*[^]*Playback is private/);
    expect(readme).not.toMatch(/created stopped/);
    // The header names the IVS channel, not a MediaLive channel class.
    expect(readme).toMatch(/tier \*\*[a-z]+\*\*\n\(Amazon IVS STANDARD channel\)/);
    expect(readme).not.toMatch(/\((SINGLE_PIPELINE|STANDARD) channel\)/);
  });

  (skip ? test.skip : test)("validates and plans with real terraform", async () => {
    const check = await checkModuleWithTerraform(module, { mirror: requireProviderMirror()!, plan: true });
    expect(errorsOf(check)).toEqual([]);
    // Everything the plan creates: the IVS resources and the archive bucket with its private, encrypted, expiring set-up.
    const planned = check.plan!.toCreate.map((a) => a.replace(/^module\.ivs\./, ""));
    expect(planned.sort()).toEqual([
      "aws_ivs_channel.channel",
      "aws_ivs_playback_key_pair.playback",
      "aws_ivs_recording_configuration.recording",
      "aws_s3_bucket.archive",
      "aws_s3_bucket_lifecycle_configuration.archive",
      "aws_s3_bucket_ownership_controls.archive",
      "aws_s3_bucket_policy.archive",
      "aws_s3_bucket_public_access_block.archive",
      "aws_s3_bucket_server_side_encryption_configuration.archive",
      "aws_s3_bucket_versioning.archive",
    ]);
  });
});

test("a public IVS module's player snippet plays the channel's playback URL through hls.js", () => {
  const resolved = resolvePipeline(
    {
      pipeline_id: "ivs_public",
      pipeline_type: "live_stream",
      backend: "ivs",
      sources: ["rtmp"],
      transcode_profiles: ["720p"],
      outputs: ["cloudfront"],
      region: "us-east-1",
      tier: "development",
    } as never,
    loadCatalog(),
  );
  const outputs = JSON.parse(renderModule(resolved).files.get("outputs.tf.json")!).output;
  expect(outputs.player_embed_html.value).toContain('"${aws_ivs_channel.channel.playback_url}"');
  expect(outputs.player_embed_html.value).toMatch(/hls\.js [0-9.]+ pinned with SRI/);
  expect(outputs.ivs_playback_key_pair_arn).toBeUndefined();
  expect(outputs.archive_bucket_name).toBeUndefined();
});
