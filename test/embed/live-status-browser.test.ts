/// <reference lib="dom" />
/**
 * The live-status document in a real browser: a server on 127.0.0.1 serves an ffmpeg HLS stream and a
 * status/live.json the test switches; headless Chromium shows the badge and the player's messages as
 * it switches, a wrong stream address gets its own message, a stream that starts late plays after one
 * click in both players, and the end of the stream is shown. Screenshots land in test-artifacts/.
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
  ".css": "text/css",
  ".html": "text/html; charset=utf-8",
};
const WRONG = /stream address is wrong/;

/** What the test server answers: the live-status document (null: 404), whether /late/ has started, whether /growing/ has ended. */
const world: { status: Record<string, unknown> | null; lateStarted: boolean; growingEnded: boolean } = {
  status: null,
  lateStarted: false,
  growingEnded: false,
};

function serve(root: string): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let rel = decodeURIComponent(url.pathname);
    if (rel === "/status/live.json") {
      if (!world.status) return void res.writeHead(404).end();
      return void res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=5" }).end(JSON.stringify(world.status));
    }
    if (rel === "/growing/index.m3u8") {
      // The stream as a live playlist (no playlist type, no ENDLIST) that never changes: what MediaPackage serves
      // after the channel stopped; ENDLIST is added once the test says the stream ended.
      const live = fs
        .readFileSync(path.join(root, "stream", "index.m3u8"), "utf8")
        .replace(/#EXT-X-PLAYLIST-TYPE:VOD\n/, "")
        .replace(/#EXT-X-ENDLIST\n?/, "");
      return void res.writeHead(200, { "content-type": TYPES[".m3u8"] }).end(world.growingEnded ? `${live}#EXT-X-ENDLIST\n` : live);
    }
    if (rel.startsWith("/growing/")) rel = rel.replace(/^\/growing\//, "/stream/");
    if (rel.startsWith("/late/")) {
      if (!world.lateStarted) return void res.writeHead(404).end();
      rel = rel.replace(/^\/late\//, "/stream/");
    }
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const status = (state: string, base: string) => ({
  state,
  since: state === "not_started" ? null : new Date().toISOString(),
  pipeline_id: "studio_live_feed",
  title: "Studio",
  playback_urls: { hls: `${base}/stream/index.m3u8` },
});

(SKIP ? describe.skip : describe)("live status in headless Chromium", () => {
  let root: string;
  let served: { server: http.Server; base: string };
  let browser: Browser;

  beforeAll(async () => {
    const missing = [spawnSync("ffmpeg", ["-version"]).error ? "ffmpeg" : "", fs.existsSync(CHROMIUM) ? "" : `chromium at ${CHROMIUM}`].filter(Boolean);
    if (missing.length) throw new Error(`The browser tests need ${missing.join(" and ")}. Set BLACKWELL_SKIP_BROWSER=1 to skip them knowingly.`);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-live-status-"));
    fs.mkdirSync(path.join(root, "stream"));
    const r = spawnSync(
      "ffmpeg",
      [
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
        "6",
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
        "-f",
        "hls",
        "-hls_time",
        "2",
        "-hls_playlist_type",
        "vod",
        path.join(root, "stream", "index.m3u8"),
      ],
      { encoding: "utf8" },
    );
    if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`);
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
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (served ? served.server.close(r) : r(undefined)));
  });

  function page(name: string, player: string, playbackPath: string, extra: string[]): void {
    const r = runCli([
      "media",
      "embed",
      "studio_live_feed",
      "--dir",
      projectPath("examples"),
      "--player",
      player,
      "--format",
      "page",
      "--allow-http",
      "--self-host",
      path.join(root, "vendor"),
      "--playback-url",
      `${served.base}${playbackPath}`,
      "--out",
      path.join(root, `${name}.html`),
      ...extra,
    ]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.stringContaining("wrote ") });
  }

  async function open(name: string): Promise<{ tab: Page; errors: string[] }> {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on("pageerror", (e) => void errors.push(String(e)));
    await tab.goto(`${served.base}/${name}.html`);
    return { tab, errors };
  }

  const note = (tab: Page, text: RegExp | string) =>
    tab.waitForFunction(
      ([t, isRegex]) => {
        const n = document.querySelector<HTMLElement>(".blackwell-player-note");
        const content = n && !n.hidden ? (n.textContent ?? "") : "";
        return isRegex ? new RegExp(t).test(content) : content === t;
      },
      [text instanceof RegExp ? text.source : text, text instanceof RegExp] as const,
      { timeout: 20_000 },
    );
  const plays = (tab: Page) => tab.waitForFunction(() => (document.querySelector("video")?.currentTime ?? 0) > 1, undefined, { timeout: 30_000 });

  for (const player of ["hlsjs", "videojs"]) {
    test(`${player}: the badge and the player follow live.json from not started to live to ended`, async () => {
      world.status = status("not_started", served.base);
      page(`status-${player}`, player, "/stream/index.m3u8", ["--autoplay", "--status-url", `${served.base}/status/live.json`, "--status-poll-seconds", "1"]);
      const { tab, errors } = await open(`status-${player}`);
      await note(tab, "The stream has not started");
      expect(await tab.isVisible(".blackwell-live-badge")).toBe(false);
      await tab.screenshot({ path: path.join(ARTIFACTS, `live-status-${player}-not-started.png`) });

      world.status = status("live", served.base);
      await tab.waitForSelector(".blackwell-live-badge:not([hidden])", { timeout: 10_000 });
      expect(await tab.textContent(".blackwell-live-badge")).toBe("Live");
      await plays(tab);
      await tab.screenshot({ path: path.join(ARTIFACTS, `live-status-${player}-live.png`) });

      world.status = status("ended", served.base);
      await tab.waitForSelector(".blackwell-live-badge[hidden]", { state: "attached", timeout: 10_000 });
      await note(tab, "The stream has ended");
      await tab.screenshot({ path: path.join(ARTIFACTS, `live-status-${player}-ended.png`) });
      expect(errors).toEqual([]);
      await tab.close();
    }, 90_000);

    test(`${player}: live.json says live but the manifest is not there: the wrong-address message`, async () => {
      world.status = status("live", served.base);
      page(`wrong-${player}`, player, "/nowhere/index.m3u8", ["--autoplay", "--status-url", `${served.base}/status/live.json`, "--status-poll-seconds", "1"]);
      const { tab, errors } = await open(`wrong-${player}`);
      await note(tab, WRONG);
      await tab.screenshot({ path: path.join(ARTIFACTS, `live-status-${player}-wrong-url.png`) });
      expect(errors).toEqual([]);
      await tab.close();
    }, 60_000);

    test(`${player}: a stream that starts late plays after the one click made before it started, and its end is shown`, async () => {
      world.lateStarted = false;
      page(`late-${player}`, player, "/late/index.m3u8", []);
      const { tab, errors } = await open(`late-${player}`);
      await note(tab, "Waiting for the stream...");
      // One click, while the stream is not there yet.
      if (player === "videojs") await tab.click(".vjs-big-play-button");
      else {
        // The play button of Chromium's own controls, bottom left of the video (above the note).
        const box = (await tab.locator("video").boundingBox())!;
        await tab.mouse.click(box.x + 24, box.y + box.height - 52);
      }
      await tab.waitForTimeout(1500);
      expect(await tab.evaluate(() => document.querySelector("video")!.paused)).toBe(false);
      world.lateStarted = true;
      await plays(tab);
      await tab.screenshot({ path: path.join(ARTIFACTS, `late-start-${player}.png`) });
      // Both players show the end of the stream from the stream itself (its playlist has ENDLIST).
      await note(tab, "The stream has ended");
      expect(errors).toEqual([]);
      await tab.close();
    }, 90_000);
  }

  for (const player of ["hlsjs", "videojs"]) {
    test(`${player}: a live playlist that gains ENDLIST plays out and shows the end, without live.json`, async () => {
      world.growingEnded = false;
      page(`endlist-${player}`, player, "/growing/index.m3u8", ["--autoplay"]);
      const { tab, errors } = await open(`endlist-${player}`);
      await plays(tab);
      expect(await tab.getAttribute(".blackwell-player", "data-stream-end")).toBeNull();
      world.growingEnded = true;
      await note(tab, "The stream has ended");
      expect(await tab.getAttribute(".blackwell-player", "data-stream-end")).toBe("endlist");
      await tab.screenshot({ path: path.join(ARTIFACTS, `stream-end-endlist-${player}.png`) });
      expect(errors).toEqual([]);
      await tab.close();
    }, 90_000);

    test(`${player}: a live playlist that stops changing shows the end once the viewer reaches it, without live.json`, async () => {
      world.growingEnded = false;
      page(`stale-${player}`, player, "/growing/index.m3u8", ["--autoplay"]);
      const { tab, errors } = await open(`stale-${player}`);
      await plays(tab);
      await tab.waitForFunction(() => document.querySelector(".blackwell-player")!.getAttribute("data-stream-end") === "stale", undefined, { timeout: 45_000 });
      await note(tab, "The stream has ended");
      await tab.screenshot({ path: path.join(ARTIFACTS, `stream-end-stale-${player}.png`) });
      expect(errors).toEqual([]);
      await tab.close();
    }, 90_000);
  }

  test("no live.json at the status URL: the wrong-address message, no badge", async () => {
    world.status = null;
    page("no-status", "hlsjs", "/stream/index.m3u8", ["--status-url", `${served.base}/status/live.json`, "--status-poll-seconds", "1"]);
    const { tab, errors } = await open("no-status");
    await note(tab, WRONG);
    expect(await tab.isVisible(".blackwell-live-badge")).toBe(false);
    expect(errors).toEqual([]);
    await tab.close();
  }, 60_000);
});
