/// <reference lib="dom" />
/**
 * FairPlay on Safari's native HLS in the hls.js snippet (issue 19), in headless Chromium with Safari's side stubbed:
 * Chromium has no FairPlay CDM, so `window.WebKitMediaKeys`, native HLS (`canPlayType`), and EME
 * (`navigator.requestMediaKeySystemAccess`, MediaKeys, MediaKeySession, `setMediaKeys`) are fakes that record what the
 * snippet does, and the test fires the `encrypted` event Safari would (init data type skd). Asserted: the key system
 * is com.apple.fps, the application certificate comes from the definition's URL and reaches setServerCertificate, the
 * session's SPC is POSTed as the body to the FairPlay license URL, and the CKC answered goes to session.update; without
 * Safari's WebKit key API the same snippet plays with hls.js. Real FairPlay decryption is not exercised here.
 */
import * as fs from "node:fs";
import { chromium, Browser, Page } from "playwright-core";
import { installedFile, playerLibraries } from "../../src/embed/library";
import { renderSnippet } from "../../src/embed/render";
import { input } from "./fixtures";

const CHROMIUM = process.env.BLACKWELL_CHROMIUM ?? "/usr/bin/chromium";
const SKIP = process.env.BLACKWELL_SKIP_BROWSER === "1";
const SITE = "https://site.test";
const DRM = {
  fairplay: "https://license.example.com/fairplay/ckc?asset=42",
  fairplayCertificate: "https://license.example.com/fairplay/app.cer",
  widevine: "https://license.example.com/widevine",
};
const PLAYLIST = "https://d111111abcdef8.cloudfront.net/out/v1/group/channel/hls/index.m3u8";
const SPC = "SPC-from-the-session";
const CKC = "CKC-from-the-license-server";
const CERTIFICATE = "APPLICATION-CERTIFICATE";

/** Safari's side, installed before the page's scripts: records every EME call in window.__fps. */
function stubSafari({ withWebKitKeys, spc }: { withWebKitKeys: boolean; spc: string }): void {
  const w = window as unknown as Record<string, unknown>;
  const log: Record<string, unknown> = { keySystems: [], certificates: [], updates: [], generated: [], setMediaKeys: 0 };
  w.__fps = log;
  const text = (b: BufferSource) => new TextDecoder().decode(b);
  if (withWebKitKeys) w.WebKitMediaKeys = function WebKitMediaKeys() {};
  const canPlay = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, "canPlayType")!.value as (
    this: HTMLMediaElement,
    type: string,
  ) => CanPlayTypeResult;
  HTMLMediaElement.prototype.canPlayType = function (type: string) {
    return withWebKitKeys && type === "application/vnd.apple.mpegurl" ? "maybe" : canPlay.call(this, type);
  };
  HTMLMediaElement.prototype.setMediaKeys = function () {
    (log.setMediaKeys as number)++;
    return Promise.resolve();
  };
  Object.defineProperty(navigator, "requestMediaKeySystemAccess", {
    configurable: true,
    value: (keySystem: string, configs: unknown) => {
      (log.keySystems as unknown[]).push({ keySystem, configs });
      if (keySystem !== "com.apple.fps") return Promise.reject(new Error("unsupported"));
      const keys = {
        setServerCertificate: (c: BufferSource) => ((log.certificates as string[]).push(text(c)), Promise.resolve(true)),
        createSession: () => {
          const session = new EventTarget() as EventTarget & Record<string, unknown>;
          session.generateRequest = (type: string, data: BufferSource) => {
            (log.generated as string[]).push(`${type}:${text(data)}`);
            const message = new Event("message") as Event & { message?: ArrayBuffer };
            message.message = new TextEncoder().encode(spc).buffer;
            setTimeout(() => session.dispatchEvent(message), 0);
            return Promise.resolve();
          };
          session.update = (ckc: BufferSource) => ((log.updates as string[]).push(text(ckc)), Promise.resolve());
          return session;
        },
      };
      return Promise.resolve({ keySystem, createMediaKeys: () => Promise.resolve(keys) });
    },
  });
}

interface LicenseRequest {
  method: string;
  url: string;
  contentType?: string;
  body: string;
}

(SKIP ? describe.skip : describe)("FairPlay on Safari's native HLS (stubbed WebKit EME in Chromium)", () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`chromium at ${CHROMIUM} is needed (or set BLACKWELL_SKIP_BROWSER=1 to skip knowingly)`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
  });
  afterAll(async () => browser?.close());

  /** The snippet on https://site.test with everything routed: the pinned hls.js, the certificate, the license server. */
  async function open(withWebKitKeys: boolean): Promise<{ tab: Page; licenses: LicenseRequest[]; errors: string[] }> {
    const html = renderSnippet(input({ urls: { hls: PLAYLIST } }, { drm: DRM, selfHostBase: "vendor" }));
    const hls = playerLibraries().hlsjs;
    const tab = await browser.newPage();
    const errors: string[] = [];
    const licenses: LicenseRequest[] = [];
    tab.on("pageerror", (e) => void errors.push(String(e)));
    await tab.addInitScript(stubSafari, { withWebKitKeys, spc: SPC });
    await tab.route("**/*", async (route) => {
      const request = route.request();
      const url = request.url();
      if (url === `${SITE}/live.html`) return route.fulfill({ contentType: "text/html", body: `<!doctype html><html><body>${html}</body></html>` });
      if (url === `${SITE}/vendor/hls.min.js`)
        return route.fulfill({ contentType: "text/javascript", body: fs.readFileSync(installedFile(hls, hls.files[0])) });
      const cors = { "access-control-allow-origin": SITE, "access-control-allow-headers": "content-type" };
      if (url === DRM.fairplayCertificate) return route.fulfill({ headers: cors, contentType: "application/octet-stream", body: CERTIFICATE });
      if (url === DRM.fairplay) {
        if (request.method() === "OPTIONS") return route.fulfill({ status: 204, headers: { ...cors, "access-control-allow-methods": "POST" } });
        licenses.push({ method: request.method(), url, contentType: request.headers()["content-type"], body: request.postDataBuffer()?.toString() ?? "" });
        return route.fulfill({ headers: cors, contentType: "application/octet-stream", body: CKC });
      }
      return route.fulfill({ status: 404, headers: cors, body: "" });
    });
    await tab.goto(`${SITE}/live.html`);
    return { tab, licenses, errors };
  }

  test("Safari (WebKit keys, native HLS): com.apple.fps, the certificate from its URL, the SPC POSTed to the license URL, the CKC to the session", async () => {
    const { tab, licenses, errors } = await open(true);
    const box = tab.locator(".blackwell-player");
    expect(await box.getAttribute("data-engine")).toBe("native");
    expect(await box.getAttribute("data-drm")).toBe("fairplay");
    expect(await tab.locator("video").evaluate((v: HTMLVideoElement) => v.src)).toBe(PLAYLIST);
    // What Safari fires when the playlist names an skd:// key.
    await tab.locator("video").evaluate((v: HTMLVideoElement) => {
      const initData = new TextEncoder().encode("skd://key-42").buffer;
      v.dispatchEvent(new MediaEncryptedEvent("encrypted", { initDataType: "skd", initData }));
    });
    await tab.waitForFunction(() => ((window as unknown as { __fps: { updates: string[] } }).__fps.updates.length ?? 0) > 0);
    const log = await tab.evaluate(() => (window as unknown as { __fps: Record<string, unknown> }).__fps);
    expect(log.keySystems).toEqual([
      {
        keySystem: "com.apple.fps",
        configs: [
          {
            initDataTypes: ["skd"],
            videoCapabilities: [{ contentType: "application/vnd.apple.mpegurl", robustness: "" }],
            distinctiveIdentifier: "not-allowed",
            persistentState: "not-allowed",
            sessionTypes: ["temporary"],
          },
        ],
      },
    ]);
    expect(log.certificates).toEqual([CERTIFICATE]);
    expect(log.setMediaKeys).toBe(1);
    expect(log.generated).toEqual(["skd:skd://key-42"]);
    expect(licenses).toEqual([{ method: "POST", url: DRM.fairplay, contentType: "application/octet-stream", body: SPC }]);
    expect(log.updates).toEqual([CKC]);
    expect(await tab.locator(".blackwell-player-note").isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await tab.close();
  });

  test("no WebKit key API (Chromium as it is): the same snippet plays with hls.js and never asks for com.apple.fps itself", async () => {
    const { tab, licenses, errors } = await open(false);
    const box = tab.locator(".blackwell-player");
    await tab.waitForFunction(() => document.querySelector(".blackwell-player")?.getAttribute("data-engine") !== null);
    expect(await box.getAttribute("data-engine")).toBe("hls.js");
    expect(await box.getAttribute("data-drm")).toBeNull();
    const log = await tab.evaluate(() => (window as unknown as { __fps: { keySystems: unknown[]; setMediaKeys: number } }).__fps);
    expect(log.setMediaKeys).toBe(0);
    expect(licenses).toEqual([]);
    expect(errors).toEqual([]);
    await tab.close();
  });
});
