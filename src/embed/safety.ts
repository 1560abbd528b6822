/**
 * Checks on every value that reaches the player HTML. Handlebars escapes text and attributes; these
 * add what escaping cannot: a URL's scheme, and JSON that stays data inside a <script> element.
 */
import { UserError } from "../core/problems";

/** Absolute http(s) URLs only; https unless `allowHttp`; no characters that would need escaping, no credentials. */
export function checkUrl(value: string, what: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`${what} is not an absolute URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:"))
    throw new UserError(
      `${what} must use https${allowHttp ? " or http" : " (--allow-http accepts http for a local test server)"}; got ${JSON.stringify(url.protocol)} in ${JSON.stringify(value)}`,
    );
  // eslint-disable-next-line no-control-regex
  if (/["'<>\\`\s\u0000-\u001f\u007f]/.test(value)) throw new UserError(`${what} contains characters that do not belong in a URL: ${JSON.stringify(value)}`);
  if (url.username || url.password) throw new UserError(`${what} must not carry credentials (they would be published in the page): ${url.host}`);
  return url.href;
}

/** JSON that is inert inside <script>: it cannot close the element, open a comment or end a JS string on U+2028/9. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export interface AspectRatio {
  /** For CSS aspect-ratio, e.g. "16 / 9". */
  css: string;
  /** For video.js, e.g. "16:9". */
  videojs: string;
}

export function parseAspectRatio(value: string): AspectRatio {
  const m = /^\s*(\d{1,4})\s*[/:]\s*(\d{1,4})\s*$/.exec(value);
  if (!m || Number(m[1]) === 0 || Number(m[2]) === 0) throw new UserError(`aspect ratio must look like 16/9 or 16:9; got ${JSON.stringify(value)}`);
  return { css: `${Number(m[1])} / ${Number(m[2])}`, videojs: `${Number(m[1])}:${Number(m[2])}` };
}

export function checkLanguageTag(value: string): string {
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(value))
    throw new UserError(`captions language must be a language tag such as en or pt-BR; got ${JSON.stringify(value)}`);
  return value;
}
