/**
 * Issue 15, wrong data accepted silently and the deep-nesting crash: duplicate JSON keys, a BOM, documents nested
 * 100,000 levels deep, and stream keys hidden in URL queries and free text.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadPipelines } from "../../src/core/definitions";
import { parseDocumentText } from "../../src/core/parse-document";
import { UserError, formatProblem } from "../../src/core/problems";
import { findSecretLiterals } from "../../src/core/secret-scan";
import { runCli } from "../support/cli";
import { SEED_DEFINITION } from "../support/seed-definition";

const seed = SEED_DEFINITION;

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof UserError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error("expected a UserError");
}

function writeTemp(name: string, content: string | Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bmf-parse-")), name);
  fs.writeFileSync(file, content);
  return file;
}

test("a duplicate JSON key is refused with its path, at any depth (JSON.parse would keep the last silently)", () => {
  const text = JSON.stringify(seed, null, 2).replace('"tier": "development"', '"tier": "development",\n  "tier": "enterprise"');
  expect(problemsOf(() => parseDocumentText("p.json", text))).toEqual([
    expect.stringMatching(/^p\.json: \$\.tier: error: duplicate key 'tier' at line 19, column 3/),
  ]);
  const nested = '{"a": [1, {"b": {"c": 1, "d": [{"e": 1, "e": 2}]}}]}';
  expect(problemsOf(() => parseDocumentText("n.json", nested))).toEqual([
    expect.stringMatching(/^n\.json: \$\.a\[1\]\.b\.d\[0\]\.e: error: duplicate key 'e'/),
  ]);
  // Same key in sibling objects, and keys that only look alike, are fine.
  expect(parseDocumentText("ok.json", '{"a": {"x": 1}, "b": {"x": 2}, "c": ["x", "x"], "x\\u0041": 1, "xA ": 2}').data).toEqual({
    a: { x: 1 },
    b: { x: 2 },
    c: ["x", "x"],
    xA: 1,
    "xA ": 2,
  });
  // YAML refuses them too.
  expect(problemsOf(() => parseDocumentText("p.yaml", "tier: development\ntier: enterprise\n"))).toEqual([expect.stringMatching(/Map keys must be unique/)]);
});

test("a BOM is accepted in JSON and in YAML", () => {
  const json = writeTemp("p.json", "\uFEFF" + JSON.stringify(seed));
  const yaml = writeTemp(
    "p.yaml",
    "\uFEFF" +
      Object.entries(seed)
        .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
        .join("\n") +
      "\n",
  );
  expect(loadPipelines([json]).pipelines[0].resolved.pipeline_id).toBe("studio_live_feed");
  expect(loadPipelines([yaml]).pipelines[0].resolved.pipeline_id).toBe("studio_live_feed");
});

test("JSON and YAML nested 100,000 levels deep are refused with one clear line, through the CLI (no stack overflow, exit 1)", () => {
  const deepJson = writeTemp(
    "deep.json",
    JSON.stringify({ ...seed, tags: { a: "[".repeat(1) } }).replace('"tags":{"a":"["}', `"tags":{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`),
  );
  const deepYaml = (depth: number) => writeTemp("deep.yaml", `pipeline_id: x\ntags:\n  a: ${"[".repeat(depth)}${"]".repeat(depth)}\n`);
  for (const file of [deepJson, deepYaml(200)]) {
    const r = runCli(["media", "validate", file]);
    expect({ status: r.status, lines: r.stderr.trim().split("\n").length }).toEqual({ status: 1, lines: 1 });
    expect(r.stderr).toMatch(new RegExp(`^${file}: \\$\\.tags\\.a(\\[0\\])+: error: nested deeper than 64 levels`));
  }
  // The YAML parser gives up on 100,000 levels itself; that too is one line naming the file.
  const yaml = deepYaml(100_000);
  const r = runCli(["media", "validate", yaml]);
  expect({ status: r.status, lines: r.stderr.trim().split("\n").length }).toEqual({ status: 1, lines: 1 });
  expect(r.stderr).toMatch(new RegExp(`^${yaml}: \\$: error: malformed YAML`));
  // The scan itself walks without recursion: 100,000 levels of parsed data are no stack overflow.
  let deep: unknown = "rtmp://a.example.com/app?streamkey=abc";
  for (let i = 0; i < 100_000; i++) deep = [deep];
  expect(findSecretLiterals(deep, "x.json")).toHaveLength(1);
});

test("stream keys in URL queries and key-shaped strings in free text (title, tag values and names) are refused", () => {
  const keyed = {
    ...seed,
    title: "Launch abcd-1234-efgh-5678-ij90",
    tags: { Note: "twitch live_123456789_AbCdEfGhIjKlMnOp", "FB-1234567890-0-AbCdEfGhIjKl": "x" },
    outputs: [
      { type: "rtmp", id: "a", url: "rtmp://live.example.com/app?streamkey=s3cr3t" },
      { type: "rtmp", id: "b", url: "rtmps://live.example.com/app/stream?key=s3cr3t&x=1" },
      { type: "rtmp", id: "c", url: "rtmp://live.example.com/app?token=s3cr3t" },
      { type: "rtmp", id: "d", url: "rtmp://live.example.com/app?region=eu" },
    ],
  };
  const found = findSecretLiterals(keyed, "p.json").map((p) => `${p.path}: ${p.message}`);
  expect(found.sort()).toEqual(
    [
      "$.title: this text holds what looks like a stream key; it would land in generated files and tags",
      "$.tags.Note: this text holds what looks like a stream key; it would land in generated files and tags",
      '$.tags["FB-1234567890-0-AbCdEfGhIjKl"]: this key holds what looks like a stream key; it would land in generated files and tags',
      "$.outputs[0].url: this URL carries a key in its query (?streamkey=...); give the URL without it",
      "$.outputs[1].url: this URL carries a key in its query (?key=...); give the URL without it",
      "$.outputs[2].url: this URL carries a key in its query (?token=...); give the URL without it",
    ].sort(),
  );
  // Ordinary text that is not key-shaped stays valid: words in groups, dates, a query without a key.
  expect(
    findSecretLiterals({ title: "tech-talk-show-demo-live 2026-12-01", tags: { Team: "live_events" }, url: "https://a.example.com/x?region=eu" }, "p.json"),
  ).toEqual([]);
});
