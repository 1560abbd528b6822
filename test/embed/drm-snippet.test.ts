/**
 * DRM in the player snippet (issue 19): the definition's license URLs reach hls.js (drmSystems, its
 * own EME) and video.js (keySystems through the pinned videojs-contrib-eme), as checked, script-safe
 * JSON; pipelines without license URLs (none, or clear key) get exactly the snippet they had before.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError } from "../../src/core/problems";
import { drmPlugin, installedFile, libraryReferences, selfHostLibrary, sriOf } from "../../src/embed/library";
import { licenseUrlsOf, renderSnippet } from "../../src/embed/render";
import { input } from "./fixtures";

const LICENSES = {
  widevine: "https://license.example.com/widevine",
  playready: "https://license.example.com/playready",
  fairplay: "https://license.example.com/fairplay",
  fairplayCertificate: "https://license.example.com/fairplay.cer",
};
const configOf = (html: string) => JSON.parse(/<script type="application\/json" class="blackwell-player-config">([^<]*)<\/script>/.exec(html)![1]);

test("hls.js: the license URLs travel in the config and the script hands them to hls.js as drmSystems", () => {
  const html = renderSnippet(input({}, { drm: LICENSES }));
  expect(configOf(html).drm).toEqual(LICENSES);
  expect(html).toContain("options.emeEnabled = true;");
  expect(html).toMatch(/options\.drmSystems\["com\.widevine\.alpha"\] = \{ licenseUrl: config\.drm\.widevine \}/);
  expect(html).toMatch(/"com\.apple\.fps"\] = \{ licenseUrl: config\.drm\.fairplay, serverCertificateUrl: config\.drm\.fairplayCertificate \}/);
  // hls.js has EME built in: no plugin script
  expect(html.match(/<script src=/g)).toHaveLength(1);
});

test("video.js: the snippet loads the pinned EME plugin and gives every source the key systems", () => {
  const html = renderSnippet(input({ player: "videojs" }, { drm: { widevine: LICENSES.widevine } }));
  expect(configOf(html).drm).toEqual({ widevine: LICENSES.widevine });
  const plugin = drmPlugin("videojs")!;
  expect(html).toContain(`src="${plugin.files[0].cdn_url}" integrity="${plugin.files[0].integrity}"`);
  expect(html).toContain("player.eme();");
  expect(html).toContain("sources.forEach(function (s) { s.keySystems = keySystems; });");
});

test("no license URLs (no DRM, or clear key only): no drm config and no plugin", () => {
  for (const player of ["hlsjs", "videojs"] as const) {
    const html = renderSnippet(input({ player }));
    expect(configOf(html).drm).toBeUndefined();
    expect(html).not.toContain("videojs-contrib-eme");
    expect(html).not.toContain("config.drm");
  }
  expect(licenseUrlsOf(undefined)).toBeUndefined();
  expect(licenseUrlsOf({ license_urls: {} })).toBeUndefined();
  expect(licenseUrlsOf({ license_urls: { fairplay: LICENSES.fairplay, fairplay_certificate: LICENSES.fairplayCertificate } })).toEqual({
    fairplay: LICENSES.fairplay,
    fairplayCertificate: LICENSES.fairplayCertificate,
  });
});

test("license URLs are checked like every URL: http refused without --allow-http", () => {
  expect(() => renderSnippet(input({}, { drm: { widevine: "http://license.example.com/wv" } }))).toThrow(UserError);
  expect(() => renderSnippet(input({}, { drm: { widevine: "javascript:alert(1)" } }))).toThrow(UserError);
});

test("the EME plugin pin: installed version, SRI of the installed file, exact CDN path; self-hosting copies it", () => {
  const plugin = drmPlugin("videojs")!;
  expect(plugin).toMatchObject({ package: "videojs-contrib-eme", version: "5.5.2" });
  expect(JSON.parse(fs.readFileSync(require.resolve("videojs-contrib-eme/package.json"), "utf8")).version).toBe(plugin.version);
  for (const f of plugin.files) {
    expect(f.integrity).toBe(sriOf(fs.readFileSync(installedFile(plugin, f))));
    expect(f.cdn_url).toBe(`https://cdn.jsdelivr.net/npm/${plugin.package}@${plugin.version}/${f.package_path}`);
  }
  expect(drmPlugin("hlsjs")).toBeUndefined();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-selfhost-eme-"));
  expect(
    selfHostLibrary("videojs", dir, true)
      .map((f) => path.basename(f))
      .sort(),
  ).toEqual(["video-js.min.css", "video.min.js", "videojs-contrib-eme.min.js"]);
  expect(libraryReferences("videojs", "vendor", true).scripts.map((s) => s.src)).toEqual(["vendor/video.min.js", "vendor/videojs-contrib-eme.min.js"]);
});
