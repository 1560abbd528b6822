/**
 * Every class of bad input, through the real CLI: one clear message naming the file and JSON path,
 * exit code 1, and nothing written.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { runCli } from "../support/cli";
import { loadPipelines } from "../../src/core/definitions";
import { UserError } from "../../src/core/problems";
import { SEED_DEFINITION } from "../support/seed-definition";

const seed = SEED_DEFINITION;

function workspace(files: Record<string, string | object>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-bad-"));
  for (const [name, content] of Object.entries(files))
    fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return dir;
}

/** Runs validate and synth on the folder; both must fail the same way and synth must write nothing. */
function expectRejected(files: Record<string, string | object>, expected: Array<{ file: string; path: string; message: RegExp }>) {
  const dir = workspace(files);
  const out = path.join(dir, "out");
  for (const args of [
    ["media", "validate", dir],
    ["media", "synth", dir, "--out", out],
  ]) {
    const r = runCli(args);
    expect({ args: args[1], status: r.status }).toEqual({ args: args[1], status: 1 });
    for (const e of expected) {
      const line = r.stderr.split("\n").find((l) => l.startsWith(path.join(dir, e.file) + ": " + e.path + ":"));
      expect({ expected: `${e.file}: ${e.path}`, line: line && e.message.test(line) ? "matches" : r.stderr }).toEqual({
        expected: `${e.file}: ${e.path}`,
        line: "matches",
      });
    }
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  }
  expect(fs.existsSync(out)).toBe(false);
}

test("malformed JSON names the line and column", () => {
  expectRejected({ "p.json": '{\n  "pipeline_id": "x",\n  "sources": [,]\n}' }, [
    { file: "p.json", path: "$", message: /malformed JSON at line 3, column \d+/ },
  ]);
});

test("malformed YAML names the line", () => {
  expectRejected({ "p.yaml": "pipeline_id: x\nsources: [rtmp\n" }, [{ file: "p.yaml", path: "$", message: /malformed YAML at line \d+/ }]);
});

test("schema violations name the path, what was expected, and suggest the misspelled value", () => {
  expectRejected({ "p.json": { ...seed, sources: ["elemental_lnk"], tier: "prod", regoin: "us-east-1" } }, [
    { file: "p.json", path: "$.sources[0]", message: /must be one of .*'elemental_link'.*did you mean 'elemental_link'\?/ },
    { file: "p.json", path: "$.tier", message: /must be one of/ },
    { file: "p.json", path: "$.regoin", message: /unknown property 'regoin'.*did you mean 'region'\?/ },
  ]);
});

test("unsafe pipeline ids are refused", () => {
  expectRejected({ "p.json": { ...seed, pipeline_id: "../../etc" } }, [
    { file: "p.json", path: "$.pipeline_id", message: /does not match the required format/ },
  ]);
});

test("secrets written as literals are refused with how to reference them; the seed's bare youtube and private access stay valid", () => {
  expectRejected(
    {
      "p.json": {
        ...seed,
        outputs: ["cloudfront", { type: "youtube", stream_key: "abcd-efgh-ijkl-mnop-qrst" }, "rtmp://a.rtmp.youtube.com/live2/abcd-1234-efgh-5678-ijkl"],
        description: "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----",
      },
    },
    [
      { file: "p.json", path: "$.outputs[1].stream_key", message: /stream_key is written as a literal.*secrets_manager_arn/ },
      { file: "p.json", path: "$.outputs[2]", message: /looks like a stream key/ },
      { file: "p.json", path: "$.description", message: /private key/ },
    ],
  );
  const ok = runCli(["media", "validate", workspace({ "p.json": { ...seed, access: "private" } })]);
  expect(ok.status).toBe(0);
});

test("duplicate ids within a pipeline and across files", () => {
  expectRejected(
    {
      "a.json": {
        ...seed,
        sources: [
          { type: "rtmp", id: "cam" },
          { type: "rtp", id: "cam" },
        ],
      },
      "b.json": seed,
      "c.json": seed,
    },
    [
      { file: "a.json", path: "$.sources[1].id", message: /duplicate source id 'cam'/ },
      { file: "c.json", path: "$.pipeline_id", message: /already used by .*b\.json/ },
    ],
  );
});

test("impossible combinations: VOD with live sources, region without MediaLive, rung above the source, open ingest, SRT secrets and latency", () => {
  expectRejected({ "p.json": { ...seed, pipeline_type: "vod_processing", outputs: ["cloudfront"] } }, [
    { file: "p.json", path: "$.sources[0]", message: /vod_processing pipeline cannot take the live source 'elemental_link'/ },
  ]);
  expectRejected({ "p.json": { ...seed, region: "af-south-1" } }, [
    { file: "p.json", path: "$.region", message: /MediaLive and MediaPackage v2 are not offered in af-south-1/ },
  ]);
  expectRejected({ "p.json": { ...seed, transcode_profiles: ["2160p"] } }, [
    { file: "p.json", path: "$.transcode_profiles[0]", message: /above the source's max_resolution HD/ },
  ]);
  expectRejected({ "p.json": { ...seed, sources: [{ type: "rtmp", allowed_cidrs: ["0.0.0.0/0"] }] } }, [
    { file: "p.json", path: "$.sources[0].allowed_cidrs[0]", message: /0\.0\.0\.0\/0 opens ingest to the whole internet/ },
  ]);
  // SRT: the passphrase never goes in a definition (a Secrets Manager ARN does), and the latency is MediaLive's range.
  const srt = { type: "srt", url: "srt://203.0.113.10:7001" };
  expectRejected({ "p.json": { ...seed, sources: [{ ...srt, srt: { decryption: { algorithm: "AES256", passphrase: "correct horse battery" } } }] } }, [
    {
      file: "p.json",
      path: "$.sources[0].srt.decryption.passphrase",
      message: /passphrase is written as a literal.*store the SRT passphrase in AWS Secrets Manager/,
    },
  ]);
  expectRejected(
    { "p.json": { ...seed, sources: [{ ...srt, srt: { decryption: { algorithm: "AES256", passphrase_secret_arn: "correct horse battery" } } }] } },
    [{ file: "p.json", path: "$.sources[0].srt.decryption.passphrase_secret_arn", message: /holds something other than an ARN/ }],
  );
  expectRejected({ "p.json": { ...seed, sources: [{ ...srt, srt: { minimum_latency_ms: 50 } }] } }, [
    { file: "p.json", path: "$.sources[0].srt.minimum_latency_ms", message: /120 to 15000 ms; 50 is out of range/ },
  ]);
});

test("template mistakes point into the template: the creator's overrides or the defaults", () => {
  const template = {
    template_id: "creators",
    defaults: { pipeline_type: "live_stream", sources: ["obs"], transcode_profiles: ["720p"], outputs: ["cloudfront"], region: "us-west-2", tier: "standard" },
    creators: ["alice", { id: "bob", overrides: { tier: "platinum" } }, "alice"],
  };
  expectRejected({ "t.json": template }, [
    { file: "t.json", path: "$.creators[1].overrides.tier", message: /must be one of .*\(creator 'bob'\)/ },
    { file: "t.json", path: "$.creators[2]", message: /duplicate creator 'alice'/ },
  ]);
});

test("create refuses bad flags and existing definitions, writing nothing", () => {
  const dir = workspace({});
  const bad = runCli(["media", "create", "pipeline", "demo", "--sources", "rtmpp", "--dir", dir]);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/\$\.sources\[0\].*did you mean 'rtmp'\?/);
  expect(fs.readdirSync(dir)).toEqual([]);
  expect(runCli(["media", "create", "pipeline", "demo", "--dir", dir]).status).toBe(0);
  const before = fs.readFileSync(path.join(dir, "demo.json"), "utf8");
  const again = runCli(["media", "create", "pipeline", "demo", "--tier", "enterprise", "--dir", dir]);
  expect(again.status).toBe(1);
  expect(again.stderr).toMatch(/already defines it; pass --force/);
  expect(fs.readFileSync(path.join(dir, "demo.json"), "utf8")).toBe(before);
  expect(runCli(["media", "validate", path.join(dir, "demo.json")]).status).toBe(0);
});

test("validate --json reports problems as data with exit code 1", () => {
  const r = runCli(["media", "validate", "--json", workspace({ "p.json": { ...seed, tier: "gold" } })]);
  expect(r.status).toBe(1);
  const result = JSON.parse(r.stdout);
  expect(result.ok).toBe(false);
  expect(result.problems).toEqual([expect.objectContaining({ path: "$.tier", rule: "schema", severity: "error" })]);
});

test("random mutations of a valid definition either load or fail with file-and-path problems, never another exception", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-fuzz-"));
  const file = path.join(dir, "p.json");
  const mutation = fc.record({
    key: fc.constantFrom(...Object.keys(seed), "extra", "usage", "tags", "access"),
    value: fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
    ),
  });
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
      const doc: Record<string, unknown> = { ...seed };
      for (const m of mutations) doc[m.key] = m.value;
      fs.writeFileSync(file, JSON.stringify(doc));
      try {
        loadPipelines([file]);
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        for (const p of (err as UserError).problems) {
          expect(p.file).toBe(file);
          expect(p.path).toMatch(/^\$/);
        }
      }
    }),
    { numRuns: 300, seed: 7 },
  );
});
