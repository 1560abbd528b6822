/**
 * The module's snippet output: the playback URL stays a Terraform interpolation and everything else is
 * escaped. Real terraform evaluates it, and the result must be exactly the snippet `embed` renders
 * for the same URL.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ResolvedPipeline } from "../../src/core/resolve";
import { DEFAULT_EMBED_OPTIONS, renderSnippet } from "../../src/embed/render";
import { renderSnippetForTerraform } from "../../src/embed/terraform-snippet";
import { escapeTerraformTemplate } from "../../src/plans/terraform-literal";
import { terraformBinary } from "../../src/terraform/binary";
import { DASH_URL, HLS_URL, examplePipeline } from "./fixtures";

const interpolations = (text: string) => text.match(/(?<!\$)\$\{[^}]*\}/g) ?? [];

test("escapeTerraformTemplate doubles the sigil of ${ and %{ only", () => {
  expect(escapeTerraformTemplate("a ${b} %{c} $d %e $${f}")).toBe("a $${b} %%{c} $d %e $$${f}");
});

test("HLS pipelines: hls.js with ${local.hls_playback_url} as the only interpolation", () => {
  const p = examplePipeline();
  expect(p.packaging).toContain("hls");
  const html = renderSnippetForTerraform({ ...p, title: "Show ${var.secret} %{if x}" });
  expect(html).toContain('"hls":"${local.hls_playback_url}"');
  expect(html).toContain("Show $${var.secret} %%{if x}");
  expect(interpolations(html)).toEqual(["${local.hls_playback_url}"]);
  expect(html).toContain("hls.min.js");
});

test("CMAF-only pipelines use the CMAF local (MediaPackage serves it as HLS); DASH-only ones video.js with the DASH local", () => {
  const p = examplePipeline();
  expect(interpolations(renderSnippetForTerraform({ ...p, packaging: ["cmaf", "dash"] }))).toEqual(["${local.cmaf_playback_url}"]);
  const dashOnly = renderSnippetForTerraform({ ...p, packaging: ["dash"] });
  expect(interpolations(dashOnly)).toEqual(["${local.dash_playback_url}"]);
  expect(dashOnly).toContain("video.min.js");
  expect(() => renderSnippetForTerraform({ ...p, packaging: [] })).toThrow(/no playback format/);
});

test("the module writer may name other expressions", () => {
  const html = renderSnippetForTerraform(examplePipeline(), { playbackUrl: "${module.cdn.hls_url}" });
  expect(interpolations(html)).toEqual(["${module.cdn.hls_url}"]);
});

test("private pipelines render the signed-URL mode", () => {
  const html = renderSnippetForTerraform({ ...examplePipeline(), access: "private" });
  expect(html).toContain('"signed":true');
  expect(html).toContain("Private stream: open the page with ?url=");
});

/** Applies a providerless root whose output is `value` with locals set, and returns the output. */
function evaluateWithTerraform(value: string, locals: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-tf-snippet-"));
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ locals, output: { player_embed_html: { value } } }));
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
  const binary = terraformBinary(env);
  for (const args of [
    ["init", "-backend=false", "-no-color"],
    ["apply", "-auto-approve", "-no-color"],
  ]) {
    const r = spawnSync(binary, args, { cwd: dir, encoding: "utf8", env });
    if (r.error) throw new Error(`terraform is needed for this test (${binary}: ${r.error.message}); install Terraform 1.5+ or set BLACKWELL_TERRAFORM`);
    expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 0, stderr: expect.any(String) });
  }
  const out = spawnSync(binary, ["output", "-json"], { cwd: dir, encoding: "utf8", env });
  return JSON.parse(out.stdout).player_embed_html.value;
}

test("terraform evaluates the module snippet to exactly the snippet embed renders for that URL, hostile title included", () => {
  const p: ResolvedPipeline = {
    ...examplePipeline(),
    title: "${path.cwd} %{ if true }x%{ endif } $${a} %%{b} </script>",
    low_latency: true,
    access: "private",
  };
  const evaluated = evaluateWithTerraform(renderSnippetForTerraform(p), { hls_playback_url: HLS_URL });
  const expected = renderSnippet({
    pipelineId: p.pipeline_id,
    title: p.title,
    player: "hlsjs",
    urls: { hls: HLS_URL },
    options: { ...DEFAULT_EMBED_OPTIONS, lowLatency: true, signed: true },
  });
  expect(evaluated).toBe(expected);
});

test("terraform round trip for a DASH-only pipeline", () => {
  const p: ResolvedPipeline = { ...examplePipeline(), packaging: ["dash"] };
  const evaluated = evaluateWithTerraform(renderSnippetForTerraform(p), { dash_playback_url: DASH_URL });
  expect(evaluated).toBe(
    renderSnippet({
      pipelineId: p.pipeline_id,
      title: p.title,
      player: "videojs",
      urls: { dash: DASH_URL },
      options: { ...DEFAULT_EMBED_OPTIONS, lowLatency: p.low_latency },
    }),
  );
});
