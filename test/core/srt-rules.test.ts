/**
 * SRT caller sources (issue 14): what the MediaLive User Guide and API reference say an SRT_CALLER input takes, each a
 * named rule refusing (or warning about) a definition at its JSON path, and the passphrase never in a definition.
 */
import { checkPipelineDocument } from "../../src/core/definitions";
import { srtListener } from "../../src/core/srt-rules";

const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:srt-field-AbCdEf";
const srt = (settings: object = {}, tier = "development") => ({
  pipeline_id: "srt_rules",
  pipeline_type: "live_stream",
  sources: [{ type: "srt", id: "field", url: "srt://203.0.113.10:7001", ...settings }],
  transcode_profiles: ["720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier,
});
const encrypted = { srt: { decryption: { algorithm: "AES256", passphrase_secret_arn: SECRET } } };
const problems = (def: object) => checkPipelineDocument(def, "srt.json").map((p) => ({ rule: p.rule, path: p.path, severity: p.severity, message: p.message }));

test("an encrypted SRT caller source with a Secrets Manager ARN is valid, without warnings", () => {
  expect(problems(srt(encrypted))).toEqual([]);
  expect(problems(srt({ ...encrypted, backup_url: "srt://203.0.113.11:7001" }, "enterprise"))).toEqual([]);
});

describe("BMF-SRT-LISTENER: MediaLive calls an IP address and port", () => {
  test.each([
    ["srt://listener.example.com:7001", "a host name"],
    ["srt://203.0.113.10", "no port"],
    ["srt://203.0.113.256:7001", "an octet above 255"],
    ["srt://203.0.113.10:70000", "a port above 65535"],
    ["srt://203.0.113.10:7001/live", "a path"],
  ])("NEGATIVE: %s (%s) is refused at its path", (url) => {
    expect(problems(srt({ ...encrypted, url }))).toEqual([
      expect.objectContaining({
        rule: "BMF-SRT-LISTENER",
        path: "$.sources[0].url",
        severity: "error",
        message: expect.stringMatching(/srt:\/\/<IPv4 address>:<port>/),
      }),
    ]);
  });

  test("the listener's address and port are what the input's SrtListenerAddress/SrtListenerPort get", () => {
    expect(srtListener("srt://203.0.113.10:7001")).toEqual({ address: "203.0.113.10", port: 7001 });
    expect(srtListener("srt://203.0.113.10:0")).toBeUndefined();
  });
});

describe("BMF-SRT-INPUT-CLASS: one SRT source per channel pipeline", () => {
  test("NEGATIVE: a STANDARD channel's two sources calling one listener are refused", () => {
    expect(problems(srt({ ...encrypted, backup_url: "srt://203.0.113.10:7001" }, "enterprise"))).toEqual([
      expect.objectContaining({
        rule: "BMF-SRT-INPUT-CLASS",
        path: "$.sources[0].backup_url",
        severity: "error",
        message: expect.stringMatching(/standard-class SRT input: two sources/),
      }),
    ]);
  });

  test("a single-pipeline channel's SRT input has one source: backup_url is reported unused", () => {
    expect(problems(srt({ ...encrypted, backup_url: "srt://203.0.113.11:7001" }))).toEqual([
      expect.objectContaining({ rule: "BMF-SRT-INPUT-CLASS", path: "$.sources[0].backup_url", severity: "warning" }),
    ]);
  });
});

describe("BMF-SRT-LATENCY: 120 to 15000 ms", () => {
  test("the bounds are accepted", () => {
    for (const ms of [120, 15000]) expect(problems(srt({ srt: { ...encrypted.srt, minimum_latency_ms: ms } }))).toEqual([]);
  });
  test.each([119, 15001])("NEGATIVE: %i ms is refused at its path", (ms) => {
    expect(problems(srt({ srt: { ...encrypted.srt, minimum_latency_ms: ms } }))).toEqual([
      expect.objectContaining({ rule: "BMF-SRT-LATENCY", path: "$.sources[0].srt.minimum_latency_ms", severity: "error" }),
    ]);
  });
});

describe("BMF-SRT-DECRYPTION: AES128, AES192 or AES256; unencrypted is warned about", () => {
  test("NEGATIVE: an algorithm MediaLive does not have is refused, with the one meant", () => {
    const [p] = checkPipelineDocument(srt({ srt: { decryption: { algorithm: "AES-256", passphrase_secret_arn: SECRET } } }), "srt.json");
    expect(p).toMatchObject({ rule: "BMF-SRT-DECRYPTION", path: "$.sources[0].srt.decryption.algorithm", severity: "error", suggestion: "AES256" });
  });

  test("a source without decryption gets a warning, not an error", () => {
    expect(problems(srt())).toEqual([
      expect.objectContaining({ rule: "BMF-SRT-DECRYPTION", path: "$.sources[0]", severity: "warning", message: expect.stringMatching(/not encrypted/) }),
    ]);
  });
});

describe("the passphrase never goes in a definition", () => {
  test("NEGATIVE: a literal passphrase is refused at its path, pointing at Secrets Manager", () => {
    const [p, ...rest] = checkPipelineDocument(srt({ srt: { decryption: { algorithm: "AES256", passphrase: "correct horse battery" } } }), "srt.json");
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ rule: "BMF-SECRET-LITERAL", path: "$.sources[0].srt.decryption.passphrase", severity: "error" });
    expect(p.suggestion).toMatch(/Secrets Manager.*passphrase_secret_arn/);
    expect(JSON.stringify(p)).not.toContain("correct horse battery");
  });

  test("NEGATIVE: a passphrase put where the secret's ARN goes is refused as such", () => {
    const [p, ...rest] = checkPipelineDocument(
      srt({ srt: { decryption: { algorithm: "AES256", passphrase_secret_arn: "correct horse battery" } } }),
      "srt.json",
    );
    expect(rest).toEqual([]);
    expect(p).toMatchObject({
      rule: "BMF-SECRET-LITERAL",
      path: "$.sources[0].srt.decryption.passphrase_secret_arn",
      message: expect.stringMatching(/never the passphrase/),
    });
  });
});

test("NEGATIVE: srt settings on another kind of source are refused", () => {
  const def = { ...srt(), sources: [{ type: "rtmp", allowed_cidrs: ["203.0.113.0/24"], ...encrypted }] };
  expect(problems(def)).toEqual([expect.objectContaining({ rule: "BMF-SOURCE-SETTINGS", path: "$.sources[0].srt", severity: "error" })]);
});
