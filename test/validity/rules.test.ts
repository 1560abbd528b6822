/**
 * The rule list and its suppressions: a suppression names a rule and a reason, optionally a file and a
 * path; it moves matching findings aside (still reported), never silently; stale and malformed
 * suppressions are reported.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { projectPath } from "../../src/core/project-paths";
import { RULES, SUPPRESSIONS_FILE, SUPPRESSION_RULE, checkModule } from "../../src/validity/rules";

const fixtureDir = projectPath("test", "fixtures", "validity", "minimal-module");

/** A scratch copy of the fixture module with its channel's first output pointing at a video description that does not exist. */
function brokenCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-rules-"));
  fs.cpSync(fixtureDir, dir, { recursive: true });
  const file = path.join(dir, "medialive.tf.json");
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  doc.resource.aws_medialive_channel.main.encoder_settings.output_groups[0].outputs[0].video_description_name = "video_4k";
  fs.writeFileSync(file, JSON.stringify(doc));
  return dir;
}
const OUTPUT_PATH = "resource.aws_medialive_channel.main.encoder_settings.output_groups[0].outputs[0].video_description_name";

test("rules have unique ids and descriptions", () => {
  const ids = RULES.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const r of RULES) expect(r.description.length).toBeGreaterThan(20);
});

test("a finding fails the module until it is suppressed with a reason", () => {
  const dir = brokenCopy();
  const before = checkModule(dir);
  expect(before.findings).toEqual([
    {
      rule: "ML-OUTPUT-DESCRIPTIONS",
      file: "medialive.tf.json",
      path: OUTPUT_PATH,
      message: 'video description "video_4k" is not declared (declared: video_720p)',
    },
  ]);

  const reason = "4K description arrives with the UHD tier; tracked in issue 42";
  const after = checkModule(dir, { suppressions: [{ rule: "ML-OUTPUT-DESCRIPTIONS", path: "resource.aws_medialive_channel.main", reason }] });
  expect(after.findings).toEqual([]);
  expect(after.suppressed).toEqual([{ ...before.findings[0], reason }]);
  expect(after.unusedSuppressions).toEqual([]);
});

test("the module's .blackwell-suppressions.json is read; a suppression for another path or rule does not apply", () => {
  const dir = brokenCopy();
  fs.writeFileSync(
    path.join(dir, SUPPRESSIONS_FILE),
    JSON.stringify({
      suppressions: [
        { rule: "ML-OUTPUT-DESCRIPTIONS", path: "resource.aws_medialive_channel.backup", reason: "the backup channel is checked elsewhere" },
        { rule: "ML-DESTINATION-REFS", reason: "destinations are patched in by the operator" },
      ],
    }),
  );
  const result = checkModule(dir);
  expect(result.findings.map((f) => f.rule)).toEqual(["ML-OUTPUT-DESCRIPTIONS"]);
  expect(result.unusedSuppressions.map((s) => s.rule)).toEqual(["ML-OUTPUT-DESCRIPTIONS", "ML-DESTINATION-REFS"]);

  fs.writeFileSync(
    path.join(dir, SUPPRESSIONS_FILE),
    JSON.stringify({ suppressions: [{ rule: "ML-OUTPUT-DESCRIPTIONS", file: "medialive.tf.json", reason: "video_4k is added by the UHD overlay" }] }),
  );
  expect(checkModule(dir).findings).toEqual([]);
});

test("suppressions without a reason, for unknown rules, or in a malformed file are findings themselves", () => {
  const dir = brokenCopy();
  fs.writeFileSync(
    path.join(dir, SUPPRESSIONS_FILE),
    JSON.stringify({
      suppressions: [
        { rule: "ML-OUTPUT-DESCRIPTIONS", reason: "ok" },
        { rule: "NO-SUCH-RULE", reason: "a reason long enough" },
      ],
    }),
  );
  const result = checkModule(dir);
  expect(result.findings.map((f) => `${f.rule} ${f.path}`)).toEqual([
    `${SUPPRESSION_RULE} suppressions[0].reason`,
    `${SUPPRESSION_RULE} suppressions[1].rule`,
    `ML-OUTPUT-DESCRIPTIONS ${OUTPUT_PATH}`,
  ]);
  fs.writeFileSync(path.join(dir, SUPPRESSIONS_FILE), "{ not json");
  expect(checkModule(dir).findings.map((f) => f.rule)).toEqual([SUPPRESSION_RULE, "ML-OUTPUT-DESCRIPTIONS"]);
  // a suppression cannot hide problems with suppressions
  expect(checkModule(dir, { suppressions: [{ rule: SUPPRESSION_RULE, reason: "hide the broken suppressions file" }] }).findings.map((f) => f.rule)).toEqual([
    SUPPRESSION_RULE,
    SUPPRESSION_RULE,
    "ML-OUTPUT-DESCRIPTIONS",
  ]);
});

test("a directory that is not a module is an error, not a pass", () => {
  expect(() => checkModule(path.join(os.tmpdir(), "no-such-module-dir"))).toThrow(/is not a module directory/);
});
