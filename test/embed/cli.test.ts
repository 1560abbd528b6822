/** `blackwell media embed` through the compiled CLI: sources of the playback URL, formats, self-hosting, exit codes. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { projectPath } from "../../src/core/project-paths";
import { playerLibraries, sriOf } from "../../src/embed/library";
import { terraformBinary } from "../../src/terraform/binary";
import { runCli } from "../support/cli";
import { DASH_URL, HLS_URL } from "./fixtures";

const EXAMPLES = projectPath("examples");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "bmf-embed-cli-"));
const embed = (...args: string[]) => runCli(["media", "embed", ...args, "--dir", EXAMPLES]);
const configOf = (html: string) => JSON.parse(/<script type="application\/json" class="blackwell-player-config">(.*?)<\/script>/s.exec(html)![1]);

function outputsFile(outputs: Record<string, string>): string {
  const file = path.join(tmp(), "outputs.json");
  fs.writeFileSync(file, JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([k, value]) => [k, { sensitive: false, type: "string", value }]))));
  return file;
}

test("--help lists the options with examples", () => {
  const r = runCli(["media", "embed", "--help"]);
  expect(r.status).toBe(0);
  for (const s of [
    "--format",
    "--player",
    "--playback-url",
    "--outputs-file",
    "--module-dir",
    "--self-host",
    "--allow-http",
    "Examples:",
    "media embed product-demos --outputs-file",
  ])
    expect(r.stdout).toContain(s);
});

test("--format json: snippet, badge, pinned player and URLs", () => {
  const r = embed("studio_live_feed", "--playback-url", HLS_URL, "--format", "json");
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout);
  const pin = playerLibraries().hlsjs.files[0];
  expect(out).toMatchObject({
    pipeline_id: "studio_live_feed",
    playback_url: HLS_URL,
    dash_url: null,
    signed: false,
    player: { kind: "hlsjs", package: "hls.js", version: "1.7.4", scripts: [{ src: pin.cdn_url, integrity: pin.integrity }], self_hosted_files: [] },
  });
  expect(configOf(out.snippet).hls).toBe(HLS_URL);
  expect(out.live_badge).toContain('data-pipeline="studio_live_feed"');
});

test("reads the module's outputs: HLS for hls.js, DASH and HLS for video.js, CMAF as HLS", () => {
  const both = outputsFile({
    hls_playback_url: HLS_URL,
    dash_playback_url: DASH_URL,
    cmaf_playback_url: HLS_URL.replace("/hls/", "/cmaf/"),
    cloudfront_domain_name: "d111111abcdef8.cloudfront.net",
  });
  const hlsjs = embed("studio_live_feed", "--outputs-file", both);
  expect(hlsjs.status).toBe(0);
  expect(configOf(hlsjs.stdout)).toMatchObject({ hls: HLS_URL, dash: null });
  const videojs = embed("studio_live_feed", "--outputs-file", both, "--player", "videojs");
  expect(configOf(videojs.stdout)).toMatchObject({ hls: HLS_URL, dash: DASH_URL });
  const cmaf = embed("studio_live_feed", "--outputs-file", outputsFile({ cmaf_playback_url: HLS_URL.replace("/hls/", "/cmaf/") }));
  expect(configOf(cmaf.stdout).hls).toBe(HLS_URL.replace("/hls/", "/cmaf/"));
  const dashOnly = embed("studio_live_feed", "--outputs-file", outputsFile({ dash_playback_url: DASH_URL }));
  expect({ status: dashOnly.status, stderr: dashOnly.stderr }).toEqual({ status: 1, stderr: expect.stringContaining("use --player videojs") });
});

test("--module-dir runs terraform output -json in an applied root", () => {
  const dir = tmp();
  fs.writeFileSync(
    path.join(dir, "main.tf.json"),
    JSON.stringify({ output: { hls_playback_url: { value: HLS_URL }, dash_playback_url: { value: DASH_URL } } }),
  );
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  const applied = spawnSync(terraformBinary(env), ["apply", "-auto-approve", "-no-color"], { cwd: dir, encoding: "utf8", env });
  if (applied.error) throw new Error(`terraform is needed for this test (${applied.error.message}); install Terraform 1.5+ or set BLACKWELL_TERRAFORM`);
  expect(applied.status).toBe(0);
  const r = embed("studio_live_feed", "--module-dir", dir, "--player", "videojs", "--format", "json");
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ playback_url: HLS_URL, dash_url: DASH_URL });
  const unapplied = embed("studio_live_feed", "--module-dir", tmp());
  expect(unapplied.status).toBe(1);
  expect(unapplied.stderr).toMatch(/no hls_playback_url, cmaf_playback_url, dash_playback_url or ivs_playback_url output/);
  const noTerraform = runCli(["media", "embed", "studio_live_feed", "--dir", EXAMPLES, "--module-dir", dir], {
    env: { BLACKWELL_TERRAFORM: "/nonexistent/terraform" },
  });
  expect(noTerraform.status).toBe(1);
  expect(noTerraform.stderr).toMatch(/cannot run \/nonexistent\/terraform .*ENOENT.*--outputs-file/);
});

test("the module's live_status_url output makes the player and badge follow live.json without --status-url; --status-url still wins", () => {
  const statusUrl = "https://d111111abcdef8.cloudfront.net/status/live.json";
  const outputs = outputsFile({ hls_playback_url: HLS_URL, live_status_url: statusUrl });
  const r = embed("product-demos", "--outputs-file", outputs, "--format", "json");
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.live_status_url).toBe(statusUrl);
  expect(configOf(out.snippet)).toMatchObject({ hls: HLS_URL, status: statusUrl });
  expect(out.live_badge).toContain(`data-status-url="${statusUrl}"`);
  const other = "https://d222222abcdef8.cloudfront.net/status/live.json";
  const given = embed("product-demos", "--outputs-file", outputs, "--status-url", other, "--format", "json");
  expect(configOf(JSON.parse(given.stdout).snippet).status).toBe(other);
  // A module without the output (no live status): the snippet does not poll anything.
  const without = embed("product-demos", "--outputs-file", outputsFile({ hls_playback_url: HLS_URL }), "--format", "json");
  expect(JSON.parse(without.stdout).live_status_url).toBeNull();
  expect(configOf(JSON.parse(without.stdout).snippet)).not.toHaveProperty("status");
});

test("--self-host copies the pinned files and the page refers to them relatively, with integrity", () => {
  const site = tmp();
  const r = embed(
    "company-webinars",
    "--player",
    "videojs",
    "--playback-url",
    HLS_URL,
    "--format",
    "page",
    "--self-host",
    path.join(site, "vendor"),
    "--out",
    path.join(site, "live", "index.html"),
  );
  expect(r.status).toBe(0);
  expect(r.stderr).toContain("and 2 player files in");
  const html = fs.readFileSync(path.join(site, "live", "index.html"), "utf8");
  for (const f of playerLibraries().videojs.files) {
    const name = path.basename(f.package_path);
    expect(html).toContain(`"../vendor/${name}" integrity="${f.integrity}"`);
    expect(sriOf(fs.readFileSync(path.join(site, "vendor", name)))).toBe(f.integrity);
  }
  expect(html).not.toContain("cdn.jsdelivr.net");
});

test("a private pipeline's page says how to get a signed URL", () => {
  const r = embed("company-webinars", "--playback-url", HLS_URL, "--format", "page");
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("aws cloudfront sign --url 'https://d111111abcdef8.cloudfront.net/out/v1/group/channel/hls/*'");
  expect(configOf(r.stdout).signed).toBe(true);
  expect(r.stderr).toMatch(/company-webinars is private; the page plays only when opened with \?url=/);
});

test.each([
  [["--playback-url", "javascript:alert(1)"], /playback URL must use https/],
  [["--playback-url", 'https://x.example/"onerror="alert(1)'], /characters that do not belong in a URL/],
  [["--playback-url", "http://x.example/index.m3u8"], /--allow-http/],
  [["--playback-url", HLS_URL, "--poster", "data:image/svg+xml,<svg onload=alert(1)>"], /poster URL must use https/],
  [["--playback-url", HLS_URL, "--aspect-ratio", "16/9;x:expression(alert(1))"], /aspect ratio/],
  [["--playback-url", HLS_URL, "--no-controls"], /add --autoplay/],
  [[], /give the stream's address: --playback-url/],
  [["--playback-url", HLS_URL, "--outputs-file", "o.json"], /one way/],
  [["--outputs-file", "/nonexistent/outputs.json"], /cannot read terraform outputs from \/nonexistent\/outputs.json: ENOENT/],
])("refused with exit 1 and nothing written: %j", (args, message) => {
  const site = tmp();
  const r = embed("studio_live_feed", ...args, "--self-host", path.join(site, "vendor"), "--out", path.join(site, "index.html"));
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 1, stderr: expect.stringMatching(message) });
  expect(r.stderr).not.toContain("internal error");
  expect(fs.readdirSync(site)).toEqual([]);
});

test("unknown pipelines and bad outputs files are user errors", () => {
  const unknown = embed("no_such_pipeline", "--playback-url", HLS_URL);
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toMatch(/no pipeline 'no_such_pipeline'/);
  const notJson = path.join(tmp(), "outputs.json");
  fs.writeFileSync(notJson, "Outputs:\nhls_playback_url = ...");
  const r = embed("studio_live_feed", "--outputs-file", notJson);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/is not JSON \(save it with terraform output -json/);
});
