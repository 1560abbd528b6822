/// <reference lib="dom" />
/**
 * The product-page embed (integration ecommerce) in headless Chromium. A "shop" server on one origin serves a
 * product page with the embed pasted in; a "CDN" server on another origin serves an ffmpeg HLS stream and a
 * status/live.json the test switches, answering CORS only for the listed shop origin, as CloudFront's response
 * headers policy does. The page shows the title, the player and the call-to-action slot; the badge and the
 * slot (--cta-when live) turn on when live.json says live and off when it says ended; the documented CSS custom
 * properties style it. The same page on an unlisted origin cannot read live.json. Screenshots in test-artifacts/.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, Browser, Page } from "playwright-core";
import { projectPath } from "../../src/core/project-paths";
import { runCli } from "../support/cli";

const CHROMIUM = process.env.BLACKWELL_CHROMIUM ?? "/usr/bin/chromium";
const SKIP = process.env.BLACKWELL_SKIP_BROWSER === "1";
const ARTIFACTS = projectPath("test-artifacts");
const TYPES: Record<string, string> = {
  ".m3u8": "application/vnd.apple.mpegurl",
  ".ts": "video/mp2t",
  ".js": "text/javascript",
  ".html": "text/html; charset=utf-8",
};

const world: { status: Record<string, unknown>; allowedOrigins: string[] } = { status: { state: "not_started" }, allowedOrigins: [] };

function listen(handler: http.RequestListener, host: string): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://${host}:${(server.address() as AddressInfo).port}` })));
}

/** Files under `root`, with CORS headers only for an allowed Origin (CloudFront's policy with origin override). */
function cdn(root: string): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const origin = req.headers.origin;
    const cors: Record<string, string> = origin && world.allowedOrigins.includes(origin) ? { "access-control-allow-origin": origin, vary: "Origin" } : {};
    if (url.pathname === "/status/live.json")
      return void res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=5", ...cors }).end(JSON.stringify(world.status));
    const file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return void res.writeHead(404, cors).end();
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", ...cors });
    fs.createReadStream(file).pipe(res);
  };
}

/** The shop: a product page with the embed, and the self-hosted player library. */
function shop(root: string): http.RequestListener {
  return (req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  };
}

(SKIP ? describe.skip : describe)("product-page embed in headless Chromium", () => {
  let media: string;
  let site: string;
  let servers: Array<{ server: http.Server; base: string }> = [];
  let cdnBase: string;
  let shopBase: string;
  let otherBase: string;
  let browser: Browser;

  beforeAll(async () => {
    const missing = [spawnSync("ffmpeg", ["-version"]).error ? "ffmpeg" : "", fs.existsSync(CHROMIUM) ? "" : `chromium at ${CHROMIUM}`].filter(Boolean);
    if (missing.length) throw new Error(`The browser tests need ${missing.join(" and ")}. Set BLACKWELL_SKIP_BROWSER=1 to skip them knowingly.`);
    media = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-product-cdn-"));
    site = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-product-shop-"));
    fs.mkdirSync(path.join(media, "stream"));
    const r = spawnSync(
      "ffmpeg",
      [
        ...[
          "-hide_banner",
          "-loglevel",
          "error",
          "-f",
          "lavfi",
          "-i",
          "testsrc2=size=640x360:rate=30",
          "-f",
          "lavfi",
          "-i",
          "sine=frequency=440:sample_rate=48000",
        ],
        ...["-t", "20", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0"],
        ...["-c:a", "aac", "-b:a", "96k", "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", path.join(media, "stream", "index.m3u8")],
      ],
      { encoding: "utf8" },
    );
    if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`);
    // Three origins: the CDN (localhost), the shop and another site (127.0.0.1, different ports).
    servers = [await listen(cdn(media), "localhost"), await listen(shop(site), "127.0.0.1"), await listen(shop(site), "127.0.0.1")];
    [cdnBase, shopBase, otherBase] = servers.map((s) => s.base);
    world.allowedOrigins = [shopBase];
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"] });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await new Promise((r) => s.server.close(r));
  });

  /** The embed from the CLI, pasted into a product page of the shop. */
  function productPage(name: string, player: string): void {
    const embed = path.join(site, `${name}.fragment.html`);
    const r = runCli([
      ...["media", "embed", "product-demos", "--dir", projectPath("examples"), "--player", player, "--format", "product-page", "--allow-http", "--autoplay"],
      ...["--self-host", path.join(site, "vendor"), "--playback-url", `${cdnBase}/stream/index.m3u8`, "--status-url", `${cdnBase}/status/live.json`],
      ...["--status-poll-seconds", "1", "--cta-url", "https://shop.example.com/cart/add?sku=42", "--cta-label", "Buy the demo kit", "--cta-when", "live"],
      ...["--out", embed],
    ]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.stringContaining("wrote ") });
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Demo kit</title>
<style>.product { --blackwell-accent: rgb(0, 128, 0); max-width: 720px; }</style></head>
<body><main class="product"><h1>Demo kit</h1><p>$49</p>
${fs.readFileSync(embed, "utf8")}
</main></body></html>`;
    fs.writeFileSync(path.join(site, `${name}.html`), html);
  }

  async function open(base: string, name: string): Promise<{ tab: Page; errors: string[] }> {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on("pageerror", (e) => void errors.push(String(e)));
    await tab.goto(`${base}/${name}.html`);
    return { tab, errors };
  }
  const liveState = (tab: Page, state: string) =>
    tab.waitForFunction((s) => document.querySelector(".blackwell-product-live")?.getAttribute("data-live-state") === s, state, { timeout: 20_000 });

  for (const player of ["hlsjs", "videojs"]) {
    test(`${player}: player, badge and call-to-action slot render; badge and slot follow live.json from not started to live to ended`, async () => {
      world.status = { state: "not_started", since: null };
      productPage(`product-${player}`, player);
      const { tab, errors } = await open(shopBase, `product-${player}`);
      const events: string[] = [];
      await tab.exposeFunction("recordLiveState", (s: string) => void events.push(s));
      await tab.evaluate(() => {
        const w = window as unknown as { recordLiveState: (s: string) => void };
        document.addEventListener("blackwell:live-state", (e) => w.recordLiveState((e as CustomEvent<{ state: string }>).detail.state));
      });
      expect(await tab.textContent(".blackwell-product-title")).toBe("Product demos, live");
      expect(await tab.locator(".blackwell-product-live .blackwell-player video, .blackwell-product-live .blackwell-player video-js").count()).toBeGreaterThan(
        0,
      );
      expect(await tab.locator('[data-blackwell-slot="cta"] a.blackwell-product-cta-link').getAttribute("href")).toBe(
        "https://shop.example.com/cart/add?sku=42",
      );
      await tab.waitForFunction(() => document.querySelector(".blackwell-live-badge")?.getAttribute("data-live-state") === "not_started", undefined, {
        timeout: 20_000,
      });
      expect(await tab.isVisible(".blackwell-live-badge")).toBe(false);
      expect(await tab.isVisible('[data-blackwell-slot="cta"]')).toBe(false);
      await tab.screenshot({ path: path.join(ARTIFACTS, `product-page-${player}-not-started.png`) });

      world.status = { state: "live", since: new Date().toISOString() };
      await tab.waitForSelector(".blackwell-live-badge:not([hidden])", { timeout: 20_000 });
      await liveState(tab, "live");
      expect(await tab.textContent(".blackwell-live-badge")).toBe("Live");
      expect(await tab.isVisible('[data-blackwell-slot="cta"]')).toBe(true);
      // The shop's --blackwell-accent reaches the badge.
      expect(await tab.evaluate(() => getComputedStyle(document.querySelector(".blackwell-live-badge")!).backgroundColor)).toBe("rgb(0, 128, 0)");
      await tab.waitForFunction(() => (document.querySelector("video")?.currentTime ?? 0) > 1, undefined, { timeout: 30_000 });
      await tab.screenshot({ path: path.join(ARTIFACTS, `product-page-${player}-live.png`) });

      world.status = { state: "ended", since: new Date().toISOString() };
      await liveState(tab, "ended");
      expect(await tab.isVisible(".blackwell-live-badge")).toBe(false);
      expect(await tab.isVisible('[data-blackwell-slot="cta"]')).toBe(false);
      expect(events).toEqual(["live", "ended"]);
      await tab.screenshot({ path: path.join(ARTIFACTS, `product-page-${player}-ended.png`) });
      expect(errors).toEqual([]);
      await tab.close();
    }, 120_000);
  }

  test("the same product page on an origin CORS does not list cannot read live.json: no badge, no slot", async () => {
    world.status = { state: "live", since: new Date().toISOString() };
    productPage("product-elsewhere", "hlsjs");
    const { tab } = await open(otherBase, "product-elsewhere");
    await tab.waitForFunction(() => document.querySelector(".blackwell-live-badge")?.getAttribute("data-live-state") === "missing", undefined, {
      timeout: 20_000,
    });
    await liveState(tab, "missing");
    expect(await tab.isVisible(".blackwell-live-badge")).toBe(false);
    expect(await tab.isVisible('[data-blackwell-slot="cta"]')).toBe(false);
    await tab.close();
  }, 60_000);
});
