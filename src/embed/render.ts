/**
 * Renders embeddable players from Handlebars templates. Every value reaches HTML through Handlebars'
 * escaping or through a JSON block that cannot close its <script>; URLs are validated before use.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Handlebars from "handlebars";
import { projectPath } from "../core/project-paths";
import { UserError } from "../core/problems";

export type PlayerKind = "hlsjs" | "videojs";

export interface EmbedOptions {
  autoplay: boolean;
  controls: boolean;
  lowLatency: boolean;
  aspectRatio: string;
  poster?: string;
  captions?: string;
  captionsLanguage: string;
  /** Private pipelines: the page takes a CloudFront signed URL in ?url=. */
  signed: boolean;
  allowHttp: boolean;
  /** Serve the player library from this relative folder instead of the CDN (files copied by selfHostLibrary). */
  selfHostBase?: string;
}

export interface EmbedInput {
  pipelineId: string;
  title: string;
  playbackUrl: string;
  dashUrl?: string;
  player: PlayerKind;
  options: EmbedOptions;
}

export const DEFAULT_EMBED_OPTIONS: EmbedOptions = { autoplay: false, controls: true, lowLatency: false, aspectRatio: "16 / 9", captionsLanguage: "en", signed: false, allowHttp: false };

interface LibraryFile { kind: "script" | "style"; package_path: string; cdn_url: string; integrity: string }
interface Library { package: string; version: string; files: LibraryFile[] }

export function playerLibraries(): Record<PlayerKind, Library> {
  return JSON.parse(fs.readFileSync(projectPath("data", "player-libraries.json"), "utf8")).libraries;
}

/** Accepts only absolute http(s) URLs without quotes, angle brackets or whitespace; https unless allowed. */
export function checkUrl(value: string, what: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`${what} is not a valid URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:"))
    throw new UserError(`${what} must use https${allowHttp ? " or http" : " (pass --allow-http for a local test server)"}; got ${url.protocol}`);
  if (/["'<>\s\\`]/.test(value)) throw new UserError(`${what} contains characters that do not belong in a URL: ${JSON.stringify(value)}`);
  return url.toString();
}

/** JSON that is safe inside <script>: it cannot end the element or break out of a JS string. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const templates = new Map<string, Handlebars.TemplateDelegate>();
function template(name: string): Handlebars.TemplateDelegate {
  let t = templates.get(name);
  if (!t) {
    t = Handlebars.compile(fs.readFileSync(projectPath("templates", "player", `${name}.hbs`), "utf8"), { strict: false });
    templates.set(name, t);
  }
  return t;
}

function libraryFor(input: EmbedInput) {
  const lib = playerLibraries()[input.player];
  const href = (f: LibraryFile) => (input.options.selfHostBase ? `${input.options.selfHostBase.replace(/\/$/, "")}/${path.basename(f.package_path)}` : f.cdn_url);
  return {
    version: lib.version,
    scripts: lib.files.filter((f) => f.kind === "script").map((f) => ({ src: href(f), integrity: f.integrity })),
    styles: lib.files.filter((f) => f.kind === "style").map((f) => ({ href: href(f), integrity: f.integrity })),
  };
}

export function elementIdFor(pipelineId: string): string {
  return `blackwell-${pipelineId.replace(/[^a-z0-9-]/gi, "-")}`;
}

/** Validates URLs and renders the snippet. `urlCheck` can be relaxed by the Terraform renderer, whose URL is an interpolation. */
export function renderSnippet(input: EmbedInput, urlCheck: (url: string, what: string) => string = (u, w) => checkUrl(u, w, input.options.allowHttp)): string {
  const o = input.options;
  const playbackUrl = urlCheck(input.playbackUrl, "playback URL");
  const dashUrl = input.dashUrl && input.player === "videojs" ? urlCheck(input.dashUrl, "DASH URL") : undefined;
  const options = { ...o, poster: o.poster ? checkUrl(o.poster, "poster URL", o.allowHttp) : undefined, captions: o.captions ? checkUrl(o.captions, "captions URL", o.allowHttp) : undefined };
  if (!/^\d{1,2}\s*\/\s*\d{1,2}$/.test(o.aspectRatio)) throw new UserError(`aspect ratio must look like 16 / 9; got ${JSON.stringify(o.aspectRatio)}`);
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(o.captionsLanguage)) throw new UserError(`captions language must be a language tag like en or pt-BR; got ${JSON.stringify(o.captionsLanguage)}`);
  const elementId = elementIdFor(input.pipelineId);
  const config = { elementId, playbackUrl, dashUrl, lowLatency: o.lowLatency, aspectRatio: o.aspectRatio.replace(/\s/g, "").replace("/", ":"), signed: o.signed, playbackOrigin: URL.canParse(playbackUrl) ? new URL(playbackUrl).origin : playbackUrl };
  return template(`snippet-${input.player}`)({ title: input.title, pipelineId: input.pipelineId, elementId, aspectRatio: o.aspectRatio, options, library: libraryFor(input), dashUrl, configJson: scriptSafeJson(config) });
}

export function renderPage(input: EmbedInput): string {
  const snippet = renderSnippet(input);
  const badge = template("live-badge")({ elementId: elementIdFor(input.pipelineId) });
  return template("page")({ title: input.title, signed: input.options.signed, snippet, badge });
}

/** Copies the pinned library files into `dir` (integrity unchanged: same bytes as published). */
export function selfHostLibrary(player: PlayerKind, dir: string): string[] {
  const lib = playerLibraries()[player];
  fs.mkdirSync(dir, { recursive: true });
  return lib.files.map((f) => {
    const source = require.resolve(`${lib.package}/${f.package_path}`);
    const target = path.join(dir, path.basename(f.package_path));
    fs.copyFileSync(source, target);
    return target;
  });
}
