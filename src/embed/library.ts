/**
 * The player libraries the snippets load: exact versions with SRI hashes from data/player-libraries.json,
 * from the CDN or copied next to the page (--self-host). The bytes copied are checked against the
 * pinned hash, so a self-hosted page can never reference a file its integrity attribute rejects.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../core/atomic-write";
import { projectPath } from "../core/project-paths";

export type PlayerKind = "hlsjs" | "videojs";
export const PLAYER_KINDS: readonly PlayerKind[] = ["hlsjs", "videojs"];

export interface LibraryFile {
  kind: "script" | "style";
  package_path: string;
  cdn_url: string;
  integrity: string;
}

export interface PlayerLibrary {
  package: string;
  version: string;
  files: LibraryFile[];
}

export interface LibraryReferences {
  name: string;
  version: string;
  scripts: Array<{ src: string; integrity: string }>;
  styles: Array<{ href: string; integrity: string }>;
}

interface LibraryTable {
  libraries: Record<PlayerKind, PlayerLibrary>;
  plugins: { videojs_eme: PlayerLibrary };
}

let table: LibraryTable | undefined;

function libraryTable(): LibraryTable {
  table ??= JSON.parse(fs.readFileSync(projectPath("data", "player-libraries.json"), "utf8")) as LibraryTable;
  return table;
}

export function playerLibraries(): Record<PlayerKind, PlayerLibrary> {
  return libraryTable().libraries;
}

/** video.js plays DRM content only with videojs-contrib-eme; hls.js has EME built in. */
export function drmPlugin(player: PlayerKind): PlayerLibrary | undefined {
  return player === "videojs" ? libraryTable().plugins.videojs_eme : undefined;
}

/** The player library, plus its DRM plugin when the stream needs licenses. */
function librariesFor(player: PlayerKind, drm: boolean): PlayerLibrary[] {
  const plugin = drm ? drmPlugin(player) : undefined;
  return plugin ? [playerLibraries()[player], plugin] : [playerLibraries()[player]];
}

/** Subresource-integrity value of some bytes (sha384, as browsers and the table use). */
export function sriOf(bytes: Buffer): string {
  return `sha384-${crypto.createHash("sha384").update(bytes).digest("base64")}`;
}

/** The installed file of a pinned library (the devDependency in node_modules). */
export function installedFile(lib: PlayerLibrary, file: LibraryFile): string {
  return require.resolve(`${lib.package}/${file.package_path}`);
}

/** Where the page loads each file from: the pinned CDN URL, or `selfHostBase/<file name>`. */
export function libraryReferences(player: PlayerKind, selfHostBase?: string, drm = false): LibraryReferences {
  const lib = playerLibraries()[player];
  const files = librariesFor(player, drm).flatMap((l) => l.files);
  const base = selfHostBase?.replace(/\/+$/, "");
  const href = (f: LibraryFile) => (base !== undefined ? `${base === "" ? "." : base}/${path.posix.basename(f.package_path)}` : f.cdn_url);
  return {
    name: lib.package,
    version: lib.version,
    scripts: files.filter((f) => f.kind === "script").map((f) => ({ src: href(f), integrity: f.integrity })),
    styles: files.filter((f) => f.kind === "style").map((f) => ({ href: href(f), integrity: f.integrity })),
  };
}

/** Copies the pinned files into `dir`; throws (a bug, exit 2) when the installed bytes do not match the pin. */
export function selfHostLibrary(player: PlayerKind, dir: string, drm = false): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return librariesFor(player, drm).flatMap((lib) => copyPinned(lib, dir));
}

function copyPinned(lib: PlayerLibrary, dir: string): string[] {
  return lib.files.map((f) => {
    const bytes = fs.readFileSync(installedFile(lib, f));
    if (sriOf(bytes) !== f.integrity)
      throw new Error(`installed ${lib.package}/${f.package_path} does not match the pinned ${lib.version} integrity in data/player-libraries.json`);
    const target = path.join(dir, path.basename(f.package_path));
    writeFileAtomic(target, bytes);
    return target;
  });
}
