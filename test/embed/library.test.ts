/** The pinned player libraries: exact versions whose SRI hashes are recomputed from node_modules, so the table cannot drift. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PLAYER_KINDS, installedFile, libraryReferences, playerLibraries, selfHostLibrary, sriOf } from "../../src/embed/library";

test.each(PLAYER_KINDS)("%s: pinned version is the installed one and every SRI hash matches the installed file", (kind) => {
  const lib = playerLibraries()[kind];
  expect(lib.version).toMatch(/^\d+\.\d+\.\d+$/);
  expect(JSON.parse(fs.readFileSync(require.resolve(`${lib.package}/package.json`), "utf8")).version).toBe(lib.version);
  expect(lib.files.length).toBeGreaterThan(0);
  for (const f of lib.files) {
    expect(f.integrity).toBe(sriOf(fs.readFileSync(installedFile(lib, f))));
    // Exact version in the CDN path: never a range or "latest".
    expect(f.cdn_url).toBe(`https://cdn.jsdelivr.net/npm/${lib.package}@${lib.version}/${f.package_path}`);
  }
});

test("hls.js 1.7.4 and video.js 8.24.1 are the pins (a version bump is a reviewed change of the data file)", () => {
  expect(playerLibraries().hlsjs).toMatchObject({ package: "hls.js", version: "1.7.4" });
  expect(playerLibraries().videojs).toMatchObject({ package: "video.js", version: "8.24.1" });
});

test("sriOf is sha384 in base64", () => {
  // Known value: sha384 of the empty string.
  expect(sriOf(Buffer.alloc(0))).toBe("sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb");
});

test("self-hosting copies the exact pinned bytes and the references point at them with the same integrity", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-selfhost-"));
  const copied = selfHostLibrary("videojs", path.join(dir, "vendor"));
  expect(copied.map((f) => path.basename(f)).sort()).toEqual(["video-js.min.css", "video.min.js"]);
  const refs = libraryReferences("videojs", "vendor/");
  expect(refs.scripts).toEqual([{ src: "vendor/video.min.js", integrity: playerLibraries().videojs.files.find((f) => f.kind === "script")!.integrity }]);
  expect(refs.styles[0].href).toBe("vendor/video-js.min.css");
  for (const r of [...refs.scripts.map((s) => ({ url: s.src, integrity: s.integrity })), ...refs.styles.map((s) => ({ url: s.href, integrity: s.integrity }))])
    expect(sriOf(fs.readFileSync(path.join(dir, r.url)))).toBe(r.integrity);
  expect(libraryReferences("hlsjs", "").scripts[0].src).toBe("./hls.min.js");
  expect(libraryReferences("hlsjs").scripts[0].src).toBe("https://cdn.jsdelivr.net/npm/hls.js@1.7.4/dist/hls.min.js");
});
