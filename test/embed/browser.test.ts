/// <reference lib="dom" />
/**
 * The player snippets play a real HLS stream in a real browser: ffmpeg makes the stream from a test
 * pattern, a server on 127.0.0.1 serves it with the self-hosted, SRI-pinned player, and headless
 * Chromium must advance the video's currentTime with no console errors. Hostile titles stay inert.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, Browser } from "playwright-core";
import { runCli } from "../support/cli";
import { projectPath } from "../../src/core/project-paths";

const CHROMIUM = process.env.BLACKWELL_CHROMIUM ?? "/usr/bin/chromium";
const skip = process.env.BLACKWELL_SKIP_BROWSER === "1";
const maybe = skip ? describe.skip : describe;
const ARTIFACTS = projectPath("test-artifacts");

const TYPES: Record<string, string> = { ".m3u8": "application/vnd.apple.mpegurl", ".ts": "video/mp2t", ".js": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8" };

function serve(root: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

maybe("embedded players in headless Chromium", () => {
  let root: string;
  let server: http.Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    for (const [tool, hint] of [["ffmpeg", "apt-get install ffmpeg"], [CHROMIUM, "apt-get install chromium"]])
      if (spawnSync(tool, ["-version"]).error) throw new Error(`${tool} is needed for the browser tests (${hint}), or set BLACKWELL_SKIP_BROWSER=1 to skip them knowingly`);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-embed-"));
    fs.mkdirSync(path.join(root, "stream"));
    const ff = spawnSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "12", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "60", "-c:a", "aac", "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", path.join(root, "stream", "index.m3u8")], { encoding: "utf8" });
    if (ff.status !== 0) throw new Error(`ffmpeg failed: ${ff.stderr}`);
    server = await serve(root);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"] });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
  });

  for (const player of ["hlsjs", "videojs"]) {
    test(`${player}: the video plays (currentTime advances) with no console errors`, async () => {
      const page = path.join(root, `${player}.html`);
      const r = runCli(["media", "embed", "studio_live_feed", "--dir", projectPath("examples"), "--player", player, "--format", "page", "--autoplay", "--allow-http", "--playback-url", `${base}/stream/index.m3u8`, "--self-host", path.join(root, "vendor"), "--out", page]);
      expect(r.stderr).toMatch(/wrote /);
      expect(r.status).toBe(0);
      expect(fs.readFileSync(page, "utf8")).toMatch(/integrity="sha384-/);
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      tab.on("pageerror", (e) => errors.push(String(e)));
      await tab.goto(`${base}/${player}.html`);
      const selector = player === "hlsjs" ? "video" : "video-js video, video";
      await tab.waitForFunction((sel) => {
        const v = document.querySelector(sel) as HTMLVideoElement | null;
        return !!v && v.currentTime > 1.5;
      }, selector, { timeout: 30_000 });
      await tab.screenshot({ path: path.join(ARTIFACTS, `embed-${player}.png`) });
      expect(errors).toEqual([]);
      await tab.close();
    }, 90_000);
  }

  test("a hostile pipeline title cannot run script; hostile URLs are refused", async () => {
    const definition = path.join(root, "hostile.json");
    const title = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
    fs.writeFileSync(definition, JSON.stringify({ pipeline_id: "hostile", title, pipeline_type: "live_stream", sources: ["rtmp"], transcode_profiles: ["720p"], outputs: ["cloudfront"], region: "us-east-1", tier: "development" }));
    const page = path.join(root, "hostile.html");
    const r = runCli(["media", "embed", definition, "--format", "page", "--allow-http", "--playback-url", `${base}/stream/index.m3u8`, "--self-host", path.join(root, "vendor"), "--out", page]);
    expect(r.status).toBe(0);
    const html = fs.readFileSync(page, "utf8");
    expect(html).not.toContain("<script>window.__pwned");
    expect(html).not.toContain('<img src=x onerror');
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;window.__pwned&#x3D;1&lt;/script&gt;");
    const tab = await browser.newPage();
    let dialog = false;
    tab.on("dialog", async (d) => {
      dialog = true;
      await d.dismiss();
    });
    await tab.goto(`${base}/hostile.html`);
    await tab.waitForTimeout(1000);
    expect(await tab.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await tab.title()).toBe(title);
    expect(dialog).toBe(false);
    await tab.close();
    for (const bad of ["javascript:alert(1)", 'https://x.example/"onerror="alert(1)', "https://x.example/a<script>", "ftp://x.example/a.m3u8"]) {
      const refused = runCli(["media", "embed", definition, "--playback-url", bad]);
      expect({ bad, status: refused.status }).toEqual({ bad, status: 1 });
    }
  }, 60_000);
});
