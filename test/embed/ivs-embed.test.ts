/**
 * `media embed` for backend ivs (issue 19): the player plays the module's ivs_playback_url; a private IVS channel needs
 * a playback token that only the site can sign, so the embed takes --token-endpoint (the snippet asks it and appends
 * ?token=) and refuses to render without one; no key material ever reaches the output. The signing recipe the page
 * shows is run here with a fresh P-384 key and must produce a JWT that verifies as ES384 with the public half.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import { UserError } from "../../src/core/problems";
import { EmbedArgs, runEmbed } from "../../src/embed/embed-command";
import { playbackFromOutputs } from "../../src/embed/module-outputs";
import { writeDefinition } from "./fixtures";

const PLAYBACK = "https://a1b2c3d4e5f6.us-west-2.playback.live-video.net/api/video/v1/us-west-2.123456789012.channel.abcdABCDefgh.m3u8";
const CHANNEL_ARN = "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh";
const STREAM_KEY = "sk_us-west-2_abcdABCDefgh_0123456789abcdefghijklmnopqrstuv";
const ENDPOINT = "https://www.example.com/api/ivs-token";

function project(access: "public" | "private") {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-ivs-embed-"));
  const dir = path.join(root, "pipelines");
  fs.mkdirSync(dir);
  writeDefinition(dir, { pipeline_id: "ivs_live", backend: "ivs", access, outputs: ["cloudfront"], tier: "development" });
  const outputsFile = path.join(root, "outputs.json");
  // `terraform output -json` prints sensitive values too: the stream key is in the file and must not reach the page.
  fs.writeFileSync(
    outputsFile,
    JSON.stringify({
      ivs_channel_arn: { value: CHANNEL_ARN, sensitive: false },
      ivs_playback_url: { value: PLAYBACK, sensitive: false },
      ivs_stream_key: { value: STREAM_KEY, sensitive: true },
    }),
  );
  return { root, dir, outputsFile };
}

function embed(access: "public" | "private", extra: Partial<EmbedArgs> = {}): string {
  const { root, dir, outputsFile } = project(access);
  const out = path.join(root, "out.html");
  const args: EmbedArgs = {
    pipeline: "ivs_live",
    dir,
    format: "snippet",
    player: "hlsjs",
    outputsFile,
    allowHttp: false,
    autoplay: false,
    controls: true,
    aspectRatio: "16/9",
    captionsLanguage: "en",
    out,
    ...extra,
  };
  const quiet = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    runEmbed(args);
  } finally {
    quiet.mockRestore();
  }
  return fs.readFileSync(out, "utf8");
}
const configOf = (html: string) => JSON.parse(/<script type="application\/json" class="blackwell-player-config">([^<]*)<\/script>/.exec(html)![1]);

test("the module's ivs_playback_url is the HLS URL the player gets", () => {
  expect(playbackFromOutputs({ ivs_playback_url: { value: PLAYBACK } }, "outputs.json")).toEqual({ hls: PLAYBACK, dash: undefined });
  expect(() => playbackFromOutputs({ ivs_channel_arn: { value: CHANNEL_ARN } }, "outputs.json")).toThrow(/ivs_playback_url/);
});

test("a public IVS channel: the playback URL as it is, no token and no CloudFront signing", () => {
  const html = embed("public");
  expect(configOf(html)).toMatchObject({ hls: PLAYBACK, signed: false });
  expect(configOf(html).tokenEndpoint).toBeUndefined();
  expect(html).not.toContain("stream.authorize");
  expect(html).not.toContain(STREAM_KEY);
});

test("a private IVS channel without --token-endpoint is refused with what to do; --token-endpoint elsewhere is refused too", () => {
  expect(() => embed("private")).toThrow(UserError);
  expect(() => embed("private")).toThrow(/ivs_live is a private IVS channel: .* Pass --token-endpoint/);
  expect(() => embed("public", { tokenEndpoint: ENDPOINT })).toThrow(/--token-endpoint is for private IVS channels/);
  expect(() => embed("private", { tokenEndpoint: "http://www.example.com/token" })).toThrow(/token endpoint URL must use https/);
});

test.each(["hlsjs", "videojs"] as const)("%s: a private IVS channel asks the token endpoint first, then plays with ?token=", (player) => {
  const html = embed("private", { tokenEndpoint: ENDPOINT, player });
  const config = configOf(html);
  expect(config).toMatchObject({ hls: PLAYBACK, signed: false, tokenEndpoint: ENDPOINT });
  // The whole player start-up runs inside the callback that gets the token.
  const script = /<script>\n([^]*)<\/script>/.exec(html)![1];
  expect(script).toMatch(/stream\.authorize = function \(play\) \{\n\s+fetch\(config\.tokenEndpoint/);
  expect(script).toMatch(/stream\.hls \+= \(stream\.hls\.indexOf\("\?"\) < 0 \? "\?" : "&"\) \+ "token=" \+ encodeURIComponent\(token\)/);
  expect(script).toMatch(/stream\.authorize\(function \(\) \{\n[^]*\n {4}\}\);\n {2}\}\)\(document\.currentScript\.parentNode\);\n\s*$/);
  expect(script.indexOf("stream.authorize(function () {")).toBeLessThan(script.indexOf(player === "hlsjs" ? "new window.Hls(" : "videojs(box"));
  expect(() => new vm.Script(script)).not.toThrow();
  expect(html).not.toMatch(/PRIVATE KEY|sk_[a-z]{2}-/);
});

test("--format page documents the token endpoint, and its signing recipe makes a JWT that verifies as ES384", () => {
  const html = embed("private", { tokenEndpoint: ENDPOINT, format: "page" });
  expect(html).toContain(`The player asks <code>${ENDPOINT}</code> for one`);
  expect(html).not.toMatch(/aws cloudfront sign/);
  const recipe = /<pre>(const \{ createPrivateKey[^]*?)<\/pre>/
    .exec(html)![1]
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, "=")
    .replace(/&amp;/g, "&");
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "secp384r1" });
  const sandbox = {
    require,
    Buffer,
    Math,
    Date,
    JSON,
    process: { env: { IVS_PLAYBACK_PRIVATE_KEY_PEM: privateKey.export({ type: "pkcs8", format: "pem" }) } },
    result: "",
  };
  vm.runInNewContext(`${recipe}\nresult = playbackToken(${JSON.stringify(CHANNEL_ARN)}, "https://www.example.com");`, sandbox);
  const [header, claims, signature] = sandbox.result.split(".");
  const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  expect(decode(header)).toEqual({ alg: "ES384", typ: "JWT" });
  expect(decode(claims)).toMatchObject({ "aws:channel-arn": CHANNEL_ARN, "aws:access-control-allow-origin": "https://www.example.com" });
  expect(decode(claims).exp).toBeGreaterThan(Date.now() / 1000);
  const raw = Buffer.from(signature, "base64url");
  expect(raw).toHaveLength(96); // r|s of P-384, as JWS ES384 requires
  expect(crypto.verify("sha384", Buffer.from(`${header}.${claims}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, raw)).toBe(true);
});
