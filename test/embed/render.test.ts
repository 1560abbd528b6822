/** Snippet rendering without a browser: pinned libraries, escaping, the Terraform form. */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { DEFAULT_EMBED_OPTIONS, checkUrl, playerLibraries, renderSnippet, scriptSafeJson } from "../../src/embed/render";
import { escapeTerraformTemplate, renderSnippetForTerraform } from "../../src/embed/terraform-snippet";

test("the pinned player files' SRI hashes match the installed packages (the table cannot drift)", () => {
  for (const lib of Object.values(playerLibraries())) {
    expect(require(`${lib.package}/package.json`).version).toBe(lib.version);
    for (const f of lib.files) {
      const bytes = fs.readFileSync(require.resolve(`${lib.package}/${f.package_path}`));
      expect(f.integrity).toBe(`sha384-${crypto.createHash("sha384").update(bytes).digest("base64")}`);
      expect(f.cdn_url).toContain(`@${lib.version}/`);
    }
  }
});

test("config JSON cannot close its script element", () => {
  expect(scriptSafeJson({ t: "</script><b>&\u2028" })).toBe('{"t":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}');
});

test("URLs: https only unless allowed, no quotes or brackets", () => {
  expect(checkUrl("https://d1.cloudfront.net/a/index.m3u8", "u", false)).toBe("https://d1.cloudfront.net/a/index.m3u8");
  expect(() => checkUrl("http://127.0.0.1/a.m3u8", "u", false)).toThrow(/must use https/);
  expect(checkUrl("http://127.0.0.1/a.m3u8", "u", true)).toBe("http://127.0.0.1/a.m3u8");
  expect(() => checkUrl('https://x/"a', "u", false)).toThrow(/characters/);
});

test("the snippet loads the pinned library with SRI and honours the options", () => {
  const html = renderSnippet({ pipelineId: "p", title: "T", playbackUrl: "https://d1.cloudfront.net/out/v1/g/live/hls/index.m3u8", player: "hlsjs", options: { ...DEFAULT_EMBED_OPTIONS, autoplay: true, poster: "https://img.example.com/p.jpg", captions: "https://img.example.com/c.vtt" } });
  expect(html).toContain('src="https://cdn.jsdelivr.net/npm/hls.js@1.7.4/dist/hls.min.js" integrity="sha384-');
  expect(html).toContain(" autoplay muted");
  expect(html).toContain('poster="https://img.example.com/p.jpg"');
  expect(html).toContain('<track kind="captions" src="https://img.example.com/c.vtt" srclang="en"');
  expect(html).toContain('video.canPlayType("application/vnd.apple.mpegurl")');
});

test("the module's snippet keeps the playback URL as an interpolation and escapes every other template sequence", () => {
  expect(escapeTerraformTemplate("a ${b} %{c}")).toBe("a $${b} %%{c}");
  const p = loadPipelines([projectPath("examples", "studio_live_feed.json")]).pipelines[0].resolved;
  const html = renderSnippetForTerraform({ ...p, title: "Show ${var.secret} %{if x}" }, { playbackUrl: "${local.hls_playback_url}", playbackOrigin: "https://${aws_cloudfront_distribution.main.domain_name}" });
  expect(html).toContain('"playbackUrl":"${local.hls_playback_url}"');
  expect(html).toContain('"playbackOrigin":"https://${aws_cloudfront_distribution.main.domain_name}"');
  expect(html).toContain("Show $${var.secret} %%{if x}");
  expect(html.match(/(?<!\$)\$\{/g)).toHaveLength(2);
});
