/**
 * Renders the embeddable player (hls.js or video.js), the live badge and the standalone page.
 * Text reaches HTML only through Handlebars' escaping; URLs are checked first; values the player
 * script reads travel as script-safe JSON, never spliced into JavaScript.
 */
import { UserError } from "../core/problems";
import { LibraryReferences, PlayerKind, libraryReferences } from "./library";
import { checkLanguageTag, checkUrl, parseAspectRatio, scriptSafeJson } from "./safety";
import { renderTemplate, trusted } from "./templates";

/** Manifest URLs: `hls` is any HLS playlist (TS or CMAF segments), `dash` an MPD. */
export interface PlaybackUrls {
  hls?: string;
  dash?: string;
}

export interface EmbedOptions {
  /** Autoplay, muted (browsers block autoplay with sound). */
  autoplay: boolean;
  controls: boolean;
  lowLatency: boolean;
  aspectRatio: string;
  poster?: string;
  /** WebVTT captions URL. */
  captions?: string;
  captionsLanguage: string;
  /** Private pipelines: the page is opened with ?url=<CloudFront signed URL>. */
  signed: boolean;
  /**
   * Private IVS channels: the site's own endpoint that answers the viewer with a playback token (an ES384 JWT it signs
   * with the private key of the module's playback key pair, which never leaves the site's server). The player asks it
   * before loading and appends the token to the playback URL (?token=).
   */
  tokenEndpoint?: string;
  allowHttp: boolean;
  /** Load the player library from this folder (relative to the page) instead of the CDN. */
  selfHostBase?: string;
  /** The pipeline's live-status document (status/live.json): the player and badge follow it. */
  statusUrl?: string;
  /** How often to read it (default 5 s, CloudFront's cache time). */
  statusPollSeconds?: number;
  /** DRM license servers (the definition's drm.license_urls); the player asks them for Widevine, PlayReady or FairPlay licenses. */
  drm?: DrmLicenseUrls;
}

export interface DrmLicenseUrls {
  widevine?: string;
  playready?: string;
  fairplay?: string;
  fairplayCertificate?: string;
}

export interface EmbedInput {
  pipelineId: string;
  title: string;
  player: PlayerKind;
  urls: PlaybackUrls;
  options: EmbedOptions;
}

export const DEFAULT_EMBED_OPTIONS: EmbedOptions = {
  autoplay: false,
  controls: true,
  lowLatency: false,
  aspectRatio: "16/9",
  captionsLanguage: "en",
  signed: false,
  allowHttp: false,
};

/** The URLs this player will use, checked: hls.js needs HLS; video.js takes DASH, HLS or both. */
export function checkPlaybackUrls(input: EmbedInput): PlaybackUrls {
  const { hls, dash } = input.urls;
  const allowHttp = input.options.allowHttp;
  if (input.player === "hlsjs") {
    if (!hls) throw new UserError(dash ? "hls.js plays HLS only and this stream has only a DASH URL; use --player videojs" : "no playback URL to embed");
    return { hls: checkUrl(hls, "playback URL", allowHttp) };
  }
  if (!hls && !dash) throw new UserError("no playback URL to embed");
  return {
    hls: hls === undefined ? undefined : checkUrl(hls, "playback URL", allowHttp),
    dash: dash === undefined ? undefined : checkUrl(dash, "DASH URL", allowHttp),
  };
}

export function renderSnippet(input: EmbedInput): string {
  return renderSnippetWithCheckedUrls(input, checkPlaybackUrls(input));
}

/** Renders with `urls` exactly as given: for callers whose URLs are placeholders (the Terraform snippet). Options are still checked. */
export function renderSnippetWithCheckedUrls(input: EmbedInput, urls: PlaybackUrls): string {
  const o = input.options;
  if (!o.controls && !o.autoplay) throw new UserError("without controls nobody can start the video; add --autoplay or keep the controls");
  const aspect = parseAspectRatio(o.aspectRatio);
  const captions = o.captions ? { src: checkUrl(o.captions, "captions URL", o.allowHttp), language: checkLanguageTag(o.captionsLanguage) } : null;
  const statusUrl = o.statusUrl === undefined ? undefined : checkUrl(o.statusUrl, "live status URL", o.allowHttp);
  const drm = checkedLicenseUrls(o);
  const tokenEndpoint = o.tokenEndpoint === undefined ? undefined : checkUrl(o.tokenEndpoint, "token endpoint URL", o.allowHttp);
  const config = {
    hls: urls.hls ?? null,
    dash: urls.dash ?? null,
    lowLatency: o.lowLatency,
    signed: o.signed,
    aspectRatio: aspect.videojs,
    ...(statusUrl ? { status: statusUrl, statusPollSeconds: pollSeconds(o) } : {}),
    ...(drm ? { drm } : {}),
    ...(tokenEndpoint ? { tokenEndpoint } : {}),
  };
  const library: LibraryReferences = libraryReferences(input.player, o.selfHostBase, !!drm);
  return renderTemplate(input.player === "hlsjs" ? "snippet-hlsjs" : "snippet-videojs", {
    title: input.title,
    pipelineId: input.pipelineId,
    library,
    aspectRatio: aspect.css,
    controls: o.controls,
    autoplay: o.autoplay,
    poster: o.poster ? checkUrl(o.poster, "poster URL", o.allowHttp) : null,
    captions,
    signed: o.signed,
    dash: !!urls.dash,
    status: !!statusUrl,
    drm: !!drm,
    token: !!tokenEndpoint,
    configJson: trusted(scriptSafeJson(config)),
  });
}

/** The license URLs, checked like every URL; undefined when there are none (clear key or no DRM). */
export function checkedLicenseUrls(o: Pick<EmbedOptions, "drm" | "allowHttp">): DrmLicenseUrls | undefined {
  const entries = Object.entries(o.drm ?? {}).filter(([, url]) => url !== undefined) as Array<[keyof DrmLicenseUrls, string]>;
  if (!entries.length) return undefined;
  return Object.fromEntries(entries.map(([system, url]) => [system, checkUrl(url, `${system} license URL`, o.allowHttp)]));
}

/** DRM license URLs of a resolved pipeline, as the player takes them. */
export function licenseUrlsOf(
  drm: { license_urls: { widevine?: string; playready?: string; fairplay?: string; fairplay_certificate?: string } } | undefined,
): DrmLicenseUrls | undefined {
  if (!drm) return undefined;
  const l = drm.license_urls;
  const urls: DrmLicenseUrls = { widevine: l.widevine, playready: l.playready, fairplay: l.fairplay, fairplayCertificate: l.fairplay_certificate };
  return Object.values(urls).some((u) => u !== undefined) ? urls : undefined;
}

/** The live badge: follows the live-status document when given its URL, else stream events the page relays. */
export function renderBadge(pipelineId: string, options: Pick<EmbedOptions, "statusUrl" | "statusPollSeconds" | "allowHttp"> = { allowHttp: false }): string {
  const statusUrl = options.statusUrl === undefined ? null : checkUrl(options.statusUrl, "live status URL", options.allowHttp);
  return renderTemplate("live-badge", { pipelineId, statusUrl, pollSeconds: pollSeconds(options) });
}

function pollSeconds(o: Pick<EmbedOptions, "statusPollSeconds">): number {
  const s = o.statusPollSeconds ?? 5;
  if (!Number.isFinite(s) || s < 1 || s > 300) throw new UserError("--status-poll-seconds must be between 1 and 300");
  return s;
}

/** What a private stream's signed URL must cover: every file under the manifests' common folder. */
export function signingResource(urls: PlaybackUrls): string {
  const parsed = [urls.hls, urls.dash].filter((u): u is string => !!u).map((u) => new URL(u));
  const dirs = parsed.map((u) => u.pathname.split("/").slice(0, -1));
  const common = dirs.reduce((a, b) =>
    a.slice(
      0,
      [...a, ""].findIndex((seg, i) => seg !== b[i]),
    ),
  );
  return `${parsed[0].origin}${common.join("/")}/*`;
}

export function renderPage(input: EmbedInput): string {
  const urls = checkPlaybackUrls(input);
  return renderTemplate("page", {
    title: input.title,
    badge: trusted(renderBadge(input.pipelineId, input.options)),
    signing: input.options.signed ? { resource: signingResource(urls) } : null,
    tokenSigning:
      input.options.tokenEndpoint === undefined ? null : { endpoint: checkUrl(input.options.tokenEndpoint, "token endpoint URL", input.options.allowHttp) },
    snippet: trusted(renderSnippetWithCheckedUrls(input, urls)),
  });
}

/** The product page's call to action: a link in the slot (optional; the shop may fill the slot itself), and when the slot shows. */
export interface ProductCallToAction {
  url?: string;
  label?: string;
  /** live: only while the stream is live; always: also before and after. */
  when: "live" | "always";
}

/**
 * The product-page embed (integration ecommerce): title, live badge, player and a call-to-action slot
 * in one section that carries the live state as a data attribute. It follows the live-status document,
 * so it needs its URL.
 */
export function renderProductPage(input: EmbedInput, cta: ProductCallToAction): string {
  if (input.options.statusUrl === undefined)
    throw new UserError(
      "the product-page embed follows the stream's live status: pass --outputs-file/--module-dir of a module with the live_status_url output (integration ecommerce), or --status-url",
    );
  if (cta.label !== undefined && cta.url === undefined) throw new UserError("--cta-label needs --cta-url");
  const label = cta.label ?? "Shop now";
  if (label.trim() === "" || label.length > 80) throw new UserError("--cta-label must be 1 to 80 characters");
  const urls = checkPlaybackUrls(input);
  return renderTemplate("product-page", {
    title: input.title,
    pipelineId: input.pipelineId,
    ctaWhen: cta.when,
    cta: cta.url === undefined ? null : { href: checkUrl(cta.url, "call-to-action URL", input.options.allowHttp), label },
    badge: trusted(renderBadge(input.pipelineId, input.options)),
    snippet: trusted(renderSnippetWithCheckedUrls(input, urls)),
  });
}
