/** Rendering without a browser: options, pinned library tags, URL and value checks, the template rules. */
import * as fs from "node:fs";
import { UserError } from "../../src/core/problems";
import { projectPath } from "../../src/core/project-paths";
import { playerLibraries } from "../../src/embed/library";
import { renderBadge, renderPage, renderProductPage, renderSnippet, signingResource } from "../../src/embed/render";
import { checkUrl, parseAspectRatio, scriptSafeJson } from "../../src/embed/safety";
import { compilePlayerTemplate } from "../../src/embed/templates";
import { DASH_URL, HLS_URL, input } from "./fixtures";

const configOf = (html: string) => JSON.parse(/<script type="application\/json" class="blackwell-player-config">(.*?)<\/script>/s.exec(html)![1]);

test("hls.js snippet: pinned library with SRI, hls.js first with the native fallback, config as JSON", () => {
  const html = renderSnippet(input());
  const pin = playerLibraries().hlsjs.files[0];
  expect(html).toContain(`<script src="${pin.cdn_url}" integrity="${pin.integrity}" crossorigin="anonymous"></script>`);
  expect(html.indexOf("window.Hls.isSupported()")).toBeLessThan(html.indexOf('video.canPlayType("application/vnd.apple.mpegurl")'));
  expect(configOf(html)).toEqual({ hls: HLS_URL, dash: null, lowLatency: false, signed: false, aspectRatio: "16:9" });
  expect(html).toMatch(/<video title="Shop live" style="width:100%;height:100%" controls playsinline>/);
  expect(html).not.toContain("{{");
});

test("options: autoplay muted, poster, no controls, low latency, aspect ratio, captions track", () => {
  const html = renderSnippet(
    input(
      {},
      {
        autoplay: true,
        controls: false,
        lowLatency: true,
        aspectRatio: "9:16",
        poster: "https://img.example.com/p.jpg",
        captions: "https://img.example.com/c.vtt",
        captionsLanguage: "pt-BR",
      },
    ),
  );
  expect(html).toContain(
    '<video title="Shop live" style="width:100%;height:100%" autoplay muted playsinline poster="https://img.example.com/p.jpg" crossorigin="anonymous">',
  );
  expect(html).toContain('<track kind="captions" src="https://img.example.com/c.vtt" srclang="pt-BR" label="pt-BR" default>');
  expect(html).toContain("aspect-ratio:9 / 16;");
  expect(configOf(html)).toMatchObject({ lowLatency: true, aspectRatio: "9:16" });
});

test("video.js snippet: style and script pinned, DASH first then HLS when both exist", () => {
  const html = renderSnippet(input({ player: "videojs", urls: { hls: HLS_URL, dash: DASH_URL } }));
  for (const f of playerLibraries().videojs.files) expect(html).toContain(`"${f.cdn_url}" integrity="${f.integrity}" crossorigin="anonymous"`);
  expect(configOf(html)).toMatchObject({ hls: HLS_URL, dash: DASH_URL });
  expect(html.indexOf('type: "application/dash+xml"')).toBeLessThan(html.indexOf('type: "application/x-mpegURL"'));
  expect(html).toContain("DASH with HLS as the fallback");
});

test("self-hosted references keep their integrity", () => {
  const html = renderSnippet(input({}, { selfHostBase: "../vendor" }));
  expect(html).toContain(`<script src="../vendor/hls.min.js" integrity="${playerLibraries().hlsjs.files[0].integrity}"`);
  expect(html).not.toContain("cdn.jsdelivr.net");
});

test("every script and stylesheet the snippets load is pinned with integrity; no other external script", () => {
  for (const player of ["hlsjs", "videojs"] as const) {
    const html = renderPage(input({ player, urls: { hls: HLS_URL } }));
    const external = html.match(/<(script|link)\b[^>]*\b(src|href)="[^"]*"[^>]*>/g)!.filter((t) => !t.includes('href="data:'));
    expect(external.length).toBe(playerLibraries()[player].files.length);
    for (const tag of external) expect(tag).toMatch(/ integrity="sha384-[A-Za-z0-9+/]{64}" crossorigin="anonymous"/);
  }
});

test("URLs: https only unless allowed; no quotes, brackets, spaces or credentials", () => {
  expect(checkUrl(HLS_URL, "u", false)).toBe(HLS_URL);
  expect(() => checkUrl("http://127.0.0.1/a.m3u8", "u", false)).toThrow(/must use https \(--allow-http/);
  expect(checkUrl("http://127.0.0.1/a.m3u8", "u", true)).toBe("http://127.0.0.1/a.m3u8");
  for (const bad of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//x.example/a.m3u8", "index.m3u8", "ftp://x.example/a"])
    expect(() => checkUrl(bad, "u", true)).toThrow(UserError);
  for (const bad of ['https://x/"onerror="alert(1)', "https://x/a'b", "https://x/<script>", "https://x/a b", "https://x/a`b", "https://x/a\nb"])
    expect(() => checkUrl(bad, "u", true)).toThrow(/characters/);
  expect(() => checkUrl("https://user:secret@x.example/a.m3u8", "u", false)).toThrow(/credentials/);
  expect(() => renderSnippet(input({}, { poster: "javascript:alert(1)" }))).toThrow(/poster URL must use https/);
  expect(() => renderSnippet(input({}, { captions: "https://x/c.vtt", captionsLanguage: 'en" onload="x' }))).toThrow(/language tag/);
});

test("players and URLs must fit: hls.js needs HLS; without controls the video must autoplay", () => {
  expect(() => renderSnippet(input({ urls: { dash: DASH_URL } }))).toThrow(/use --player videojs/);
  expect(() => renderSnippet(input({ urls: {} }))).toThrow(/no playback URL/);
  expect(() => renderSnippet(input({}, { controls: false }))).toThrow(/add --autoplay/);
  expect(renderSnippet(input({ player: "videojs", urls: { dash: DASH_URL } }))).toContain(DASH_URL);
});

test("aspect ratios", () => {
  expect(parseAspectRatio("16/9")).toEqual({ css: "16 / 9", videojs: "16:9" });
  expect(parseAspectRatio(" 4 : 3 ")).toEqual({ css: "4 / 3", videojs: "4:3" });
  for (const bad of ["16/0", "wide", "16/9;background:url(x)", "1.5"]) expect(() => parseAspectRatio(bad)).toThrow(/aspect ratio/);
});

test("config JSON cannot close its script element or break a JS string", () => {
  expect(scriptSafeJson({ t: "</script><!--&\u2028\u2029" })).toBe('{"t":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029"}');
  expect(JSON.parse(scriptSafeJson({ t: "</script>&" }))).toEqual({ t: "</script>&" });
});

test("templates may not use unescaped output; every shipped template compiles under that rule", () => {
  expect(() => compilePlayerTemplate("<b>{{{title}}}</b>", "bad")).toThrow(/unescaped output/);
  expect(() => compilePlayerTemplate("<b>{{&title}}</b>", "bad")).toThrow(/unescaped output/);
  expect(() => compilePlayerTemplate("<b>{{~ &title}}</b>", "bad")).toThrow(/unescaped output/);
  const dir = projectPath("templates", "player");
  const names = fs.readdirSync(dir).filter((f) => f.endsWith(".hbs"));
  expect(names.sort()).toEqual([
    "live-badge.hbs",
    "live-status.hbs",
    "page.hbs",
    "player-setup.hbs",
    "product-page.hbs",
    "snippet-hlsjs.hbs",
    "snippet-videojs.hbs",
  ]);
  for (const n of names) expect(() => compilePlayerTemplate(fs.readFileSync(`${dir}/${n}`, "utf8"), n)).not.toThrow();
  // No template value lands inside a <script>: scripts read the JSON config instead.
  for (const n of names) {
    const scripts = fs.readFileSync(`${dir}/${n}`, "utf8").match(/<script>[\s\S]*?<\/script>/g) ?? [];
    // Partials and {{#if}} blocks choose code; they insert no value.
    for (const s of scripts) expect(s.replace(/\{\{(> [a-z-]+|#if [a-z]+|else|\/if)\}\}/g, "")).not.toMatch(/\{\{/);
  }
});

test("the live badge follows stream.started / stream.ended of its own pipeline", () => {
  const html = renderBadge("shop_live");
  expect(html).toContain('<span class="blackwell-live-badge" data-pipeline="shop_live" hidden>LIVE</span>');
  expect(html).toContain('event["detail-type"] === "stream.started"');
});

test("private streams: the page says how to sign, with a wildcard resource over both manifests", () => {
  expect(signingResource({ hls: HLS_URL, dash: DASH_URL })).toBe("https://d111111abcdef8.cloudfront.net/out/v1/group/channel/*");
  expect(signingResource({ hls: HLS_URL })).toBe("https://d111111abcdef8.cloudfront.net/out/v1/group/channel/hls/*");
  expect(signingResource({ hls: "https://d1.cloudfront.net/index.m3u8" })).toBe("https://d1.cloudfront.net/*");
  const page = renderPage(input({}, { signed: true }));
  expect(page).toContain("aws cloudfront sign --url 'https://d111111abcdef8.cloudfront.net/out/v1/group/channel/hls/*'");
  expect(page).toContain("--date-greater-than");
  expect(configOf(page).signed).toBe(true);
  expect(renderPage(input())).not.toContain("aws cloudfront sign");
});

test("product page (integration ecommerce): one section with title, live badge, player and the call-to-action slot", () => {
  const statusUrl = "https://d111111abcdef8.cloudfront.net/status/live.json";
  const html = renderProductPage(input({ title: 'Demo <b>"x"</b>' }, { statusUrl }), {
    url: "https://shop.example.com/cart/add?sku=42&qty=1",
    label: "Buy <now>",
    when: "live",
  });
  expect(html).toMatch(/<section class="blackwell-product-live" data-pipeline="shop_live" data-live-state="not_started" data-cta-when="live">/);
  expect(html).toContain(`<span class="blackwell-live-badge" data-pipeline="shop_live" data-status-url="${statusUrl}"`);
  expect(configOf(html)).toMatchObject({ hls: HLS_URL, status: statusUrl });
  expect(html).toContain(
    '<div class="blackwell-product-cta" data-blackwell-slot="cta">\n    <a class="blackwell-product-cta-link" href="https://shop.example.com/cart/add?sku&#x3D;42&amp;qty&#x3D;1">Buy &lt;now&gt;</a>',
  );
  expect(html).not.toContain("<b>");
  // Every documented CSS custom property is used by the section's style.
  for (const prop of [
    "--blackwell-accent",
    "--blackwell-badge-color",
    "--blackwell-gap",
    "--blackwell-radius",
    "--blackwell-font",
    "--blackwell-cta-background",
  ])
    expect(html.split(`var(${prop}`).length).toBeGreaterThan(1);
  // Without a link the slot is left for the shop's own HTML; shown always by default.
  const empty = renderProductPage(input({}, { statusUrl }), { when: "always" });
  expect(empty).toContain('data-cta-when="always"');
  expect(empty).not.toContain("blackwell-product-cta-link");
});

test("product page refusals: no live status URL, a javascript: link, a label without a link", () => {
  expect(() => renderProductPage(input(), { when: "always" })).toThrow(/follows the stream's live status/);
  const statusUrl = "https://d111111abcdef8.cloudfront.net/status/live.json";
  expect(() => renderProductPage(input({}, { statusUrl }), { url: "javascript:alert(1)", when: "live" })).toThrow(/call-to-action URL must use https/);
  expect(() => renderProductPage(input({}, { statusUrl }), { label: "Buy", when: "live" })).toThrow(/--cta-label needs --cta-url/);
  expect(() => renderProductPage(input({}, { statusUrl }), { url: "https://shop.example.com", label: " ", when: "live" })).toThrow(UserError);
});
