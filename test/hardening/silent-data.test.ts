/**
 * Issue 15, wrong data accepted silently: ids that collide after normalisation, a definition with 1.5 million unknown
 * keys (capped and stopped early), and ingest ranges that together open ingest to the whole internet.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { coversWholeInternet } from "../../src/core/cidr";
import { findPipeline, loadPipelines } from "../../src/core/definitions";
import { UserError, formatProblem } from "../../src/core/problems";
import { validateAgainstSchema } from "../../src/core/schema-validation";
import { runCli } from "../support/cli";
import { SEED_DEFINITION } from "../support/seed-definition";

const seed = SEED_DEFINITION;

function folder(files: Record<string, object | string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-silent-"));
  for (const [name, doc] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), typeof doc === "string" ? doc : JSON.stringify(doc));
  return dir;
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof UserError) return err.problems.map(formatProblem);
    throw err;
  }
  return [];
}

test("ids that become the same AWS name prefix are refused; a lookup by either spelling finds the one pipeline", () => {
  const dir = folder({ "a.json": seed, "b.json": { ...seed, pipeline_id: "studio-live-feed" } });
  expect(problemsOf(() => loadPipelines([dir]))).toEqual([
    `${dir}/b.json: $.pipeline_id: error: pipeline_id 'studio-live-feed' and 'studio_live_feed' (${dir}/a.json) both become the AWS name prefix 'studio-live-feed', so their resources would collide; rename one [BMF-DUPLICATE-PIPELINE]`,
  ]);
  const one = folder({ "b.json": { ...seed, pipeline_id: "studio-live-feed" } });
  expect(findPipeline("studio_live_feed", [one]).resolved.pipeline_id).toBe("studio-live-feed");
  expect(findPipeline("studio-live-feed", [one]).resolved.pipeline_id).toBe("studio-live-feed");
});

test("1.5 million unknown keys: one problem, found early; many smaller mistakes are capped at 50 and counted", () => {
  const huge: Record<string, unknown> = { ...seed };
  for (let i = 0; i < 1_500_000; i++) huge[`k${i}`] = 1;
  const dir = folder({ "huge.json": JSON.stringify(huge) });
  expect(problemsOf(() => loadPipelines([dir]))).toEqual([
    `${dir}/huge.json: $: error: more than 10000 entries in one object or array at line 1; a definition has a few dozen (checking stopped here) [syntax]`,
  ]);
  const yamlDir = folder({
    "huge.yaml": Object.keys(huge)
      .slice(0, 20_000)
      .map((k) => `${k}: 1`)
      .join("\n"),
  });
  expect(problemsOf(() => loadPipelines([yamlDir]))).toEqual([expect.stringMatching(/huge\.yaml: \$: error: more than 10000 entries/)]);

  const many: Record<string, unknown> = { ...seed };
  for (let i = 0; i < 5000; i++) many[`k${i}`] = 1;
  expect(validateAgainstSchema("pipeline", many, "m.json")).toHaveLength(50);
  const manyDir = folder({ "many.json": many });
  const problems = problemsOf(() => loadPipelines([manyDir]));
  expect(problems).toHaveLength(50);
  expect(problems[49]).toMatch(/and 4951 more schema problems \(not listed\)/);
  const r = runCli(["media", "validate", manyDir]);
  expect({ status: r.status, lines: r.stderr.trim().split("\n").length }).toEqual({ status: 1, lines: 51 });
});

test("more than 50 problems across files are capped at 50 with 'and N more'", () => {
  const files: Record<string, object> = {};
  for (let i = 0; i < 60; i++) files[`p${i}.json`] = { ...seed, pipeline_id: `pipe_${i}`, tier: "gold" };
  const problems = problemsOf(() => loadPipelines([folder(files)]));
  expect(problems).toHaveLength(51);
  expect(problems[50]).toMatch(/: \$: error: and 10 more problems \(not listed\) \[summary\]$/);
});

test("ingest ranges that together cover the whole internet are refused unless allow_open_ingest opts in", () => {
  expect(coversWholeInternet(["0.0.0.0/0"])).toBe(true);
  expect(coversWholeInternet(["0.0.0.0/1", "128.0.0.0/1"])).toBe(true);
  expect(coversWholeInternet(["128.0.0.0/2", "0.0.0.0/1", "192.0.0.0/2"])).toBe(true);
  expect(coversWholeInternet(["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"])).toBe(false); // 224.0.0.0/3 left out
  expect(coversWholeInternet(["0.0.0.0/1", "128.0.0.1/1"])).toBe(true); // host bits do not narrow a range
  expect(coversWholeInternet(["203.0.113.0/24"])).toBe(false);
  const split = { ...seed, sources: [{ type: "rtmp", allowed_cidrs: ["0.0.0.0/1", "128.0.0.0/1"] }] };
  expect(problemsOf(() => loadPipelines([folder({ "p.json": split })]))).toEqual([
    expect.stringMatching(
      /p\.json: \$\.sources\[0\]\.allowed_cidrs: error: 0\.0\.0\.0\/1 \+ 128\.0\.0\.0\/1 together opens ingest to the whole internet; .*allow_open_ingest: true/,
    ),
  ]);
  const optedIn = loadPipelines([folder({ "p.json": { ...split, sources: [{ ...split.sources[0], allow_open_ingest: true }] } })]);
  expect(optedIn.warnings.map(formatProblem)).toEqual([
    expect.stringMatching(/warning: ingest is open to the whole internet through 0\.0\.0\.0\/1 \+ 128\.0\.0\.0\/1 together \(allow_open_ingest is set\)/),
  ]);
  // IPv6 ranges (::/0 and its halves) are not accepted at all: the schema takes IPv4 CIDRs only.
  expect(problemsOf(() => loadPipelines([folder({ "p.json": { ...seed, sources: [{ type: "rtmp", allowed_cidrs: ["::/1", "8000::/1"] }] } })]))).toEqual(
    expect.arrayContaining([expect.stringMatching(/allowed_cidrs\[0\]: error: "::\/1" does not match the required format/)]),
  );
});
