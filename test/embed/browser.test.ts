/// <reference lib="dom" />
/**
 * The players in a real browser: ffmpeg makes HLS and DASH streams from a test pattern, a server on
 * 127.0.0.1 serves them with the self-hosted, SRI-pinned player files, and headless Chromium must
 * advance the video's currentTime with no console errors. Also: signed-URL mode against a server that
 * demands the signature on every request, the live badge, and a hostile title that must stay inert.
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
import { writeDefinition } from "./fixtures";

const CHROMIUM = process.env.BLACKWELL_CHROMIUM ?? "/usr/bin/chromium";
const SKIP = process.env.BLACKWELL_SKIP_BROWSER === "1";
const ARTIFACTS = projectPath("test-artifacts");
const SIGNATURE = "Policy=eyJTdGF0ZW1lbnQiOltdfQ__&Signature=test-signature~&Key-Pair-Id=K2TESTKEY";
const TYPES: Record<string, string> = {
  ".m3u8": "application/vnd.apple.mpegurl",
  ".ts": "video/mp2t",
  ".mpd": "application/dash+xml",
  ".m4s": "video/iso.segment",
  ".mp4": "video/mp4",
  ".js": "text/javascript",
  ".css": "text/css",
  ".html": "text/html; charset=utf-8",
};

interface Served {
  server: http.Server;
  base: string;
  requests: URL[];
}

/** Static files under `root`; paths under /private/ answer 403 unless they carry the test signature, as CloudFront would. */
function serve(root: string): Promise<Served> {
  const requests: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url);
    let rel = decodeURIComponent(url.pathname);
    if (rel.startsWith("/private/")) {
      const q = url.searchParams;
      if (q.get("Signature") !== "test-signature~" || q.get("Key-Pair-Id") !== "K2TESTKEY" || !q.get("Policy"))
        return void res.writeHead(403).end("missing signature");
      rel = rel.slice("/private".length);
    }
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests })),
  );
}

function requireTools(): void {
  const missing: string[] = [];
  if (spawnSync("ffmpeg", ["-version"]).error) missing.push("ffmpeg (apt-get install ffmpeg)");
  if (!fs.existsSync(CHROMIUM)) missing.push(`chromium at ${CHROMIUM} (apt-get install chromium, or set BLACKWELL_CHROMIUM)`);
  if (missing.length) throw new Error(`The browser tests need ${missing.join(" and ")}. Set BLACKWELL_SKIP_BROWSER=1 to skip them knowingly.`);
}

function ffmpeg(args: string[]): void {
  const source = [
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
    "-t",
    "10",
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-pix_fmt",
    "yuv420p",
    "-g",
    "60",
    "-keyint_min",
    "60",
    "-sc_threshold",
    "0",
    "-c:a",
    "aac",
    "-b:a",
    "96k",
  ];
  const r = spawnSync("ffmpeg", [...source, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`);
}

(SKIP ? describe.skip : describe)("embedded players in headless Chromium", () => {
  let root: string;
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    requireTools();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-embed-browser-"));
    fs.mkdirSync(path.join(root, "stream"));
    fs.mkdirSync(path.join(root, "dash"));
    ffmpeg(["-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", path.join(root, "stream", "index.m3u8")]);
    ffmpeg(["-f", "dash", "-seg_duration", "2", "-use_template", "1", "-use_timeline", "1", path.join(root, "dash", "index.mpd")]);
    served = await serve(root);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (served ? served.server.close(r) : r(undefined)));
  });

  /** Renders a page with the CLI into the served folder, self-hosting the player. */
  function renderPage(name: string, pipeline: string, args: string[]): void {
    const r = runCli([
      "media",
      "embed",
      pipeline,
      "--dir",
      projectPath("examples"),
      "--format",
      "page",
      "--allow-http",
      "--self-host",
      path.join(root, "vendor"),
      "--out",
      path.join(root, `${name}.html`),
      ...args,
    ]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.stringContaining("wrote ") });
  }

  async function open(name: string, query = ""): Promise<{ tab: Page; errors: string[] }> {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    tab.on("pageerror", (e) => void errors.push(String(e)));
    tab.on("dialog", (d) => void (errors.push(`dialog: ${d.message()}`), d.dismiss()));
    await tab.goto(`${served.base}/${name}.html${query}`);
    return { tab, errors };
  }

  async function expectPlays(tab: Page, name: string): Promise<number> {
    await tab.waitForFunction(
      () => {
        const v = document.querySelector("video");
        return !!v && v.currentTime > 1.5;
      },
      undefined,
      { timeout: 30_000 },
    );
    await tab.screenshot({ path: path.join(ARTIFACTS, `embed-${name}.png`) });
    return tab.evaluate(() => document.querySelector("video")!.currentTime);
  }

  test("hls.js: plays the HLS stream (currentTime advances) with no console errors", async () => {
    renderPage("hlsjs", "studio_live_feed", ["--autoplay", "--playback-url", `${served.base}/stream/index.m3u8`]);
    const { tab, errors } = await open("hlsjs");
    expect(await expectPlays(tab, "hlsjs")).toBeGreaterThan(1.5);
    expect(await tab.getAttribute(".blackwell-player", "data-engine")).toBe("hls.js");
    expect(errors).toEqual([]);
    await tab.close();
  });

  test("video.js: plays the HLS stream with no console errors", async () => {
    renderPage("videojs-hls", "studio_live_feed", ["--player", "videojs", "--autoplay", "--playback-url", `${served.base}/stream/index.m3u8`]);
    const { tab, errors } = await open("videojs-hls");
    expect(await expectPlays(tab, "videojs-hls")).toBeGreaterThan(1.5);
    expect(errors).toEqual([]);
    await tab.close();
  });

  test("video.js: prefers DASH when the stream has it, and plays it", async () => {
    renderPage("videojs-dash", "studio_live_feed", [
      "--player",
      "videojs",
      "--autoplay",
      "--playback-url",
      `${served.base}/stream/index.m3u8`,
      "--dash-url",
      `${served.base}/dash/index.mpd`,
    ]);
    const before = served.requests.length;
    const { tab, errors } = await open("videojs-dash");
    await expectPlays(tab, "videojs-dash");
    const paths = served.requests.slice(before).map((u) => u.pathname);
    expect(paths).toContain("/dash/index.mpd");
    expect(paths.some((p) => p.startsWith("/dash/") && p.endsWith(".m4s"))).toBe(true);
    expect(paths.some((p) => p.startsWith("/stream/"))).toBe(false);
    expect(errors).toEqual([]);
    await tab.close();
  });

  describe("a private pipeline (signed URLs)", () => {
    let definitions: string;
    beforeAll(() => {
      definitions = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-embed-private-"));
      writeDefinition(definitions, { pipeline_id: "private_show", title: "Private show", access: "private" });
    });

    for (const player of ["hlsjs", "videojs"]) {
      test(`${player}: with ?url= the signature goes on every request and the video plays; without it the page says what to do`, async () => {
        const r = runCli([
          "media",
          "embed",
          "private_show",
          "--dir",
          definitions,
          "--player",
          player,
          "--format",
          "page",
          "--autoplay",
          "--allow-http",
          "--playback-url",
          `${served.base}/private/stream/index.m3u8`,
          "--self-host",
          path.join(root, "vendor"),
          "--out",
          path.join(root, `private-${player}.html`),
        ]);
        expect(r.status).toBe(0);

        const unsigned = await open(`private-${player}`);
        await unsigned.tab.waitForSelector(".blackwell-player-note:not([hidden])");
        expect(await unsigned.tab.textContent(".blackwell-player-note")).toMatch(/open this page with \?url= set to a CloudFront signed URL/);
        expect(await unsigned.tab.textContent(".blackwell-signing")).toContain("aws cloudfront sign --url 'http://127.0.0.1");
        expect(unsigned.errors).toEqual([]);
        await unsigned.tab.close();

        const before = served.requests.length;
        const signedUrl = `${served.base}/private/stream/*?${SIGNATURE}`;
        const signed = await open(`private-${player}`, `?url=${encodeURIComponent(signedUrl)}`);
        await expectPlays(signed.tab, `private-${player}`);
        const streamRequests = served.requests.slice(before).filter((u) => u.pathname.startsWith("/private/"));
        expect(streamRequests.length).toBeGreaterThan(2);
        for (const u of streamRequests) expect(u.search).toContain(SIGNATURE);
        expect(signed.errors).toEqual([]);
        await signed.tab.close();
      });
    }
  });

  describe("a clear-key AES-128 HLS stream (drm.systems.hls: clear_key_aes_128)", () => {
    const KEY = Buffer.from("00112233445566778899aabbccddeeff", "hex");
    let definition: string;
    beforeAll(() => {
      // What MediaPackage serves for TS with AES_128: segments encrypted with a key the playlist points at (ffmpeg stands in).
      const dir = path.join(root, "clearkey");
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "stream.key"), KEY);
      const info = path.join(root, "clearkey.keyinfo");
      fs.writeFileSync(info, `${served.base}/clearkey/stream.key\n${path.join(dir, "stream.key")}\n`);
      ffmpeg(["-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", "-hls_key_info_file", info, path.join(dir, "index.m3u8")]);
      const definitions = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-embed-clearkey-"));
      definition = writeDefinition(definitions, {
        pipeline_id: "clear_key_show",
        title: "Clear key show",
        drm: {
          key_server_url: "https://speke.example.com/v2/keys",
          role_arn: "arn:aws:iam::111122223333:role/speke-access",
          systems: { hls: ["clear_key_aes_128"] },
        },
      });
    });

    test("the stream really is encrypted: the playlist names AES-128 and the segments are not plain TS", () => {
      expect(fs.readFileSync(path.join(root, "clearkey", "index.m3u8"), "utf8")).toMatch(/#EXT-X-KEY:METHOD=AES-128,URI="[^"]+\/clearkey\/stream\.key"/);
      const segment = fs.readdirSync(path.join(root, "clearkey")).find((f) => f.endsWith(".ts"))!;
      const plainTs = (bytes: Buffer) => bytes[0] === 0x47 && bytes[188] === 0x47; // MPEG-TS sync bytes every 188 bytes
      expect(plainTs(fs.readFileSync(path.join(root, "clearkey", segment)))).toBe(false);
      expect(
        plainTs(
          fs.readFileSync(
            path.join(
              root,
              "stream",
              fs.readdirSync(path.join(root, "stream")).find((f) => f.endsWith(".ts"))!,
            ),
          ),
        ),
      ).toBe(true);
    });

    for (const player of ["hlsjs", "videojs"]) {
      test(`${player}: the snippet of the DRM pipeline fetches the key, decrypts and plays with no console errors`, async () => {
        const r = runCli([
          "media",
          "embed",
          definition,
          "--player",
          player,
          "--format",
          "page",
          "--autoplay",
          "--allow-http",
          "--playback-url",
          `${served.base}/clearkey/index.m3u8`,
          "--self-host",
          path.join(root, "vendor"),
          "--out",
          path.join(root, `clearkey-${player}.html`),
        ]);
        expect(r.status).toBe(0);
        const before = served.requests.length;
        const { tab, errors } = await open(`clearkey-${player}`);
        expect(await expectPlays(tab, `clearkey-${player}`)).toBeGreaterThan(1.5);
        const paths = served.requests.slice(before).map((u) => u.pathname);
        expect(paths).toContain("/clearkey/stream.key");
        expect(paths.some((p) => p.startsWith("/clearkey/") && p.endsWith(".ts"))).toBe(true);
        expect(errors).toEqual([]);
        await tab.close();
      });
    }
  });

  describe("captions: an HLS stream with a WebVTT subtitle rendition (what MediaPackage serves for captions.mode webvtt)", () => {
    let definition: string;
    beforeAll(() => {
      const dir = path.join(root, "captions");
      fs.mkdirSync(dir);
      const cues = ["WEBVTT", "", "00:00:00.000 --> 00:00:04.000", "Hello from CC1", "", "00:00:04.000 --> 00:00:09.000", "Second caption", ""].join("\n");
      fs.writeFileSync(path.join(root, "captions.vtt"), cues);
      // ffmpeg writes a master playlist with an EXT-X-MEDIA TYPE=SUBTITLES rendition and its WebVTT segments.
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
          ...["-i", path.join(root, "captions.vtt"), "-t", "10", "-map", "0:v", "-map", "1:a", "-map", "2:s"],
          ...["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "60", "-c:a", "aac", "-b:a", "96k", "-c:s", "webvtt"],
          ...["-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", "-master_pl_name", "index.m3u8"],
          ...["-var_stream_map", "v:0,a:0,s:0,sgroup:subs,language:eng,name:English", path.join(dir, "stream_%v.m3u8")],
        ],
        { encoding: "utf8" },
      );
      if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`);
      // ffmpeg names the rendition subtitle_0; MediaPackage names it by the caption description's language description.
      const master = path.join(dir, "index.m3u8");
      fs.writeFileSync(master, fs.readFileSync(master, "utf8").replace('NAME="subtitle_0"', 'NAME="English"'));
      const definitions = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-embed-captions-"));
      definition = writeDefinition(definitions, {
        pipeline_id: "captioned_show",
        title: "Captioned show",
        captions: { languages: [{ channel: 1, language_code: "eng", name: "English" }] },
      });
    });

    test("the master playlist has the subtitles rendition the players read", () => {
      expect(fs.readFileSync(path.join(root, "captions", "index.m3u8"), "utf8")).toMatch(/#EXT-X-MEDIA:TYPE=SUBTITLES,.*LANGUAGE="eng"/);
    });

    for (const player of ["hlsjs", "videojs"]) {
      test(`${player}: the WebVTT track is listed for the viewer (text tracks, captions menu)`, async () => {
        const r = runCli([
          "media",
          "embed",
          definition,
          "--player",
          player,
          "--format",
          "page",
          "--autoplay",
          "--allow-http",
          "--playback-url",
          `${served.base}/captions/index.m3u8`,
          "--self-host",
          path.join(root, "vendor"),
          "--out",
          path.join(root, `captions-${player}.html`),
        ]);
        expect(r.status).toBe(0);
        const { tab, errors } = await open(`captions-${player}`);
        await expectPlays(tab, `captions-${player}`);
        if (player === "hlsjs") {
          // hls.js adds the rendition to the video element's text tracks: the browser's own controls list it in their captions menu.
          await tab.waitForFunction(() => Array.from(document.querySelector("video")!.textTracks).some((t) => t.language === "eng"), undefined, {
            timeout: 30_000,
          });
          const tracks = await tab.evaluate(() =>
            Array.from(document.querySelector("video")!.textTracks).map((t) => ({ kind: t.kind, language: t.language, label: t.label })),
          );
          expect(tracks).toEqual([{ kind: "subtitles", language: "eng", label: "English" }]);
          expect(await tab.getAttribute("video", "controls")).not.toBeNull();
        } else {
          // video.js (VHS) keeps the track in its own list and shows its captions/subtitles menu button once there is one.
          await tab.waitForSelector(".vjs-subs-caps-button:not(.vjs-hidden)", { state: "attached", timeout: 30_000 });
          const items = await tab.$$eval(".vjs-subs-caps-button .vjs-menu-item-text", (els) => els.map((e) => e.textContent?.trim()));
          expect(items).toEqual(expect.arrayContaining(["English"]));
        }
        expect(errors).toEqual([]);
        await tab.close();
      });
    }
  });

  test("the live badge shows between stream.started and stream.ended of its own pipeline", async () => {
    renderPage("badge", "studio_live_feed", ["--playback-url", `${served.base}/stream/index.m3u8`]);
    const { tab, errors } = await open("badge");
    const visible = () => tab.isVisible(".blackwell-live-badge");
    const send = (type: string, pipeline: string) =>
      tab.evaluate(
        ([t, p]) =>
          window.dispatchEvent(new CustomEvent("blackwell:stream", { detail: { source: "blackwell.media", "detail-type": t, detail: { pipeline_id: p } } })),
        [type, pipeline],
      );
    expect(await visible()).toBe(false);
    await send("stream.started", "another_pipeline");
    expect(await visible()).toBe(false);
    await send("stream.started", "studio_live_feed");
    expect(await visible()).toBe(true);
    await tab.screenshot({ path: path.join(ARTIFACTS, "embed-badge-live.png") });
    await send("stream.ended", "studio_live_feed");
    expect(await visible()).toBe(false);
    expect(errors).toEqual([]);
    await tab.close();
  });

  test("a hostile pipeline title stays text: no script runs, no dialog opens, the title reads as written", async () => {
    const definitions = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-embed-hostile-"));
    const title = '</script><script>window.__pwned=1;alert(1)</script><img src=x onerror="window.__pwned=2"> ${x}';
    const file = writeDefinition(definitions, { pipeline_id: "hostile_show", title });
    for (const player of ["hlsjs", "videojs"]) {
      const r = runCli([
        "media",
        "embed",
        file,
        "--player",
        player,
        "--format",
        "page",
        "--allow-http",
        "--playback-url",
        `${served.base}/stream/index.m3u8`,
        "--self-host",
        path.join(root, "vendor"),
        "--out",
        path.join(root, `hostile-${player}.html`),
      ]);
      expect(r.status).toBe(0);
      const { tab, errors } = await open(`hostile-${player}`);
      await tab.waitForTimeout(1500);
      expect(await tab.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await tab.title()).toBe(title);
      expect(await tab.textContent("h1")).toContain(title);
      expect(await tab.locator("img").count()).toBe(0);
      expect(errors).toEqual([]);
      await tab.close();
    }
  });
});
