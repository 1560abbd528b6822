/**
 * `blackwell media configure auto-scaling`: edits the definition in place (JSON keeps key order and layout, YAML its
 * comments), prints the change as a diff with the estimate before and after, and refuses nonsense with the file and
 * JSON path while leaving the file untouched.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import YAML from "yaml";
import { projectPath } from "../../src/core/project-paths";
import { setJsonMember, unifiedDiff } from "../../src/core/definition-edit";
import { applyFlags, parseScheduleEntry } from "../../src/cli/configure-auto-scaling";
import { runCli } from "../support/cli";

function copyOf(example: string, text?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-configure-"));
  const file = path.join(dir, example);
  fs.writeFileSync(file, text ?? fs.readFileSync(projectPath("examples", example), "utf8"));
  return file;
}
const configure = (file: string, ...flags: string[]) => runCli(["media", "configure", "auto-scaling", file, ...flags]);

test("JSON: only the automation member is added, after the others, in the file's own indentation; a second run changes one line", () => {
  const file = copyOf("company-webinars.json");
  const original = fs.readFileSync(file, "utf8");
  const r = configure(file, "--max-cost-per-month", "5000", "--scale-down-after-hours", "2", "--notify", "ops@example.com");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const expected = original.replace(
    /\n}\n$/,
    ',\n  "automation": {\n    "scale_down_after_hours": 2,\n    "max_cost_per_month": 5000,\n    "notify": {\n      "emails": [\n        "ops@example.com"\n      ]\n    }\n  }\n}\n',
  );
  expect(fs.readFileSync(file, "utf8")).toBe(expected);
  expect(r.stdout).toContain(`--- ${file}\n+++ ${file}\n`);
  expect(r.stdout).toContain('-  "tags": { "Department": "internal-comms" }\n+  "tags": { "Department": "internal-comms" },\n+  "automation": {\n');
  expect(r.stdout).toMatch(/^estimate: \$[\d.]+ \(8\.0 channel h \[definition\]\) -> \$[\d.]+ \(8\.0 channel h \[definition\]\) a month; budget \$5000\.00$/m);
  expect(r.stdout).toContain(`wrote ${file}`);

  const again = configure(file, "--max-cost-per-month", "6000");
  expect(again.status).toBe(0);
  const diffLines = again.stdout.split("\n").filter((l) => /^[-+][^-+]/.test(l));
  expect(diffLines).toEqual(['-    "max_cost_per_month": 5000,', '+    "max_cost_per_month": 6000,']);
  expect(fs.readFileSync(file, "utf8")).toBe(expected.replace('"max_cost_per_month": 5000', '"max_cost_per_month": 6000'));
});

test("JSON written on one line stays on one line", () => {
  const file = copyOf("studio_live_feed.json");
  const original = fs.readFileSync(file, "utf8");
  expect(configure(file, "--scale-down-after-hours", "1.5").status).toBe(0);
  expect(fs.readFileSync(file, "utf8")).toBe(
    original.replace(/}\s*$/, ',"automation":{"scale_down_after_hours":1.5}}') + (original.endsWith("\n") ? "\n" : ""),
  );
});

test("YAML keeps every comment, including those inside the automation section, and the rest of the layout", () => {
  const source =
    fs.readFileSync(projectPath("examples", "product-demos.yaml"), "utf8") +
    "automation:\n  # how long a forgotten channel may run\n  scale_down_after_hours: 3 # hours\n";
  const file = copyOf("product-demos.yaml", source);
  const r = configure(
    file,
    "--schedule",
    "MON-FRI 12:00-13:00",
    "--timezone",
    "America/New_York",
    "--max-cost-per-month",
    "300",
    "--notify",
    "shop@example.com,arn:aws:sns:us-east-1:111122223333:costs",
  );
  expect(r.stderr).toBe("");
  const after = fs.readFileSync(file, "utf8");
  for (const line of source.split("\n").filter((l) => l.includes("#"))) expect(after).toContain(line);
  expect(after.startsWith(source.slice(0, source.indexOf("automation:")))).toBe(true);
  expect(YAML.parse(after).automation).toEqual({
    scale_down_after_hours: 3,
    max_cost_per_month: 300,
    schedule: { timezone: "America/New_York", weekly: [{ days: ["MON", "TUE", "WED", "THU", "FRI"], start: "12:00", end: "13:00" }] },
    notify: { emails: ["shop@example.com"], sns_topic_arn: "arn:aws:sns:us-east-1:111122223333:costs" },
  });
  // The schedule now gives the month's hours: 5 windows a week of 65 minutes (5 min lead).
  expect(r.stdout).toMatch(/-> \$[\d.]+ \(23\.6 channel h \[schedule\]\) a month; budget \$300\.00/);
});

describe("refusals: exit 1, the file and JSON path named, nothing written", () => {
  const cases: Array<[string, string, string[], RegExp]> = [
    ["zero hours", "company-webinars.json", ["--scale-down-after-hours", "0"], /\$\.automation\.scale_down_after_hours: error: must be >= 0\.25/],
    ["a negative budget", "company-webinars.json", ["--max-cost-per-month", "-5"], /\$\.automation\.max_cost_per_month: error: must be >= 1/],
    ["negative archive days", "weekly-classes.json", ["--archive-after-days", "-1"], /\$\.automation\.archive_after_days: error: must be >= 1/],
    [
      "a weekly window ending before it starts",
      "weekly-classes.json",
      ["--schedule", "TUE 20:00-18:00"],
      /\$\.automation\.schedule\.weekly\[0\]\.end: error: the window ends \(18:00\) before it starts \(20:00\)/,
    ],
    [
      "an event ending before it starts",
      "weekly-classes.json",
      ["--schedule", "2026-12-24T18:00/2026-12-24T17:00"],
      /\$\.automation\.schedule\.events\[0\]\.end: error: the event ends/,
    ],
    [
      "a cron window in Unix cron's five fields",
      "weekly-classes.json",
      ["--schedule", "cron(0 9 ? * MON)/cron(0 12 ? * MON *)"],
      /\$\.automation\.schedule\.cron\[0\]\.start: error: 'cron\(0 9 \? \* MON\)' is not an EventBridge Scheduler cron expression: Scheduler's cron has six fields/,
    ],
    [
      "an unknown time zone",
      "weekly-classes.json",
      ["--timezone", "Europe/Londn"],
      /\$\.automation\.schedule\.timezone: error: 'Europe\/Londn' is not an IANA time zone/,
    ],
  ];
  test.each(cases)("%s", (_what, example, flags, message) => {
    const file = copyOf(example);
    const before = fs.readFileSync(file, "utf8");
    const r = configure(file, ...flags);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}: $.automation`);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.readFileSync(file, "utf8")).toBe(before);
  });

  test("a budget below one running hour of the channel (an enterprise STANDARD channel: several dollars an hour)", () => {
    const file = copyOf(
      "studio_live_feed.json",
      fs.readFileSync(projectPath("examples", "studio_live_feed.json"), "utf8").replace('"development"', '"enterprise"'),
    );
    const before = fs.readFileSync(file, "utf8");
    const r = configure(file, "--max-cost-per-month", "2");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\$\\.automation\\.max_cost_per_month: error: a budget of \\$2\\.00 a month is less than one running hour of this channel \\(\\$\\d+\\.\\d\\d\\) \\[BMF-AUTOMATION-BUDGET\\]`,
      ),
    );
    expect(fs.readFileSync(file, "utf8")).toBe(before);
    expect(configure(file, "--max-cost-per-month", "20", "--dry-run").status).toBe(0);
  });

  test("a schedule without a time zone, and flags that are not a schedule, name the flag", () => {
    const file = copyOf("company-webinars.json");
    expect(configure(file, "--schedule", "TUE 18:00-20:00")).toMatchObject({ status: 1, stderr: expect.stringContaining("--schedule: needs --timezone") });
    expect(configure(file, "--schedule", "sometimes", "--timezone", "UTC")).toMatchObject({
      status: 1,
      stderr: expect.stringContaining("--schedule: 'sometimes' is neither a weekly window"),
    });
  });
});

test("--json and --dry-run: the change, both estimates and the budget comparison, with the file untouched", () => {
  const file = copyOf("weekly-classes.json");
  const before = fs.readFileSync(file, "utf8");
  const r = configure(file, "--max-cost-per-month", "20", "--dry-run", "--json");
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out).toMatchObject({ file, changed: true, written: false, automation: { max_cost_per_month: 20, scale_down_after_hours: 1 } });
  expect(out.diff).toContain('-    "max_cost_per_month": 250,\n+    "max_cost_per_month": 20,');
  expect(out.before).toMatchObject({ budget_usd: 250, over_budget: false, hours_from: "schedule" });
  expect(out.after).toMatchObject({ budget_usd: 20, over_budget: true, warning: expect.stringContaining("above its budget") });
  expect(fs.readFileSync(file, "utf8")).toBe(before);
});

test("schedule flags: days, ranges and events parse; the flags replace only what they name", () => {
  expect(parseScheduleEntry("sat-mon 22:00-24:00")).toEqual({ weekly: { days: ["MON", "SAT", "SUN"], start: "22:00", end: "24:00" } });
  expect(parseScheduleEntry("weekdays 09:00-17:00").weekly!.days).toEqual(["MON", "TUE", "WED", "THU", "FRI"]);
  expect(parseScheduleEntry("launch=2026-12-24T18:00/2026-12-24T21:00")).toEqual({
    event: { name: "launch", start: "2026-12-24T18:00", end: "2026-12-24T21:00" },
  });
  expect(parseScheduleEntry("town-hall=cron(55 8 ? * MON#1 *) / cron(0/30 12 ? * MON#1 *)")).toEqual({
    cron: { name: "town-hall", start: "cron(55 8 ? * MON#1 *)", stop: "cron(0/30 12 ? * MON#1 *)" },
  });
  expect(parseScheduleEntry("cron(0 9 ? * MON *)/cron(0 12 ? * MON *)")).toEqual({ cron: { start: "cron(0 9 ? * MON *)", stop: "cron(0 12 ? * MON *)" } });
  const current = {
    max_cost_per_month: 100,
    schedule: { timezone: "UTC", start_lead_minutes: 3, weekly: [{ days: ["MON" as const], start: "10:00", end: "11:00" }] },
  };
  expect(applyFlags(current, { startLeadMinutes: 8 })).toEqual({ ...current, schedule: { ...current.schedule, start_lead_minutes: 8 } });
  expect(applyFlags(current, { schedule: ["2026-12-24T18:00/2026-12-24T21:00"] }).schedule).toEqual({
    timezone: "UTC",
    start_lead_minutes: 3,
    events: [{ start: "2026-12-24T18:00", end: "2026-12-24T21:00" }],
  });
});

test("--stop-channel-over-budget sets the budget stop; --no-stop-channel-over-budget removes it (off is the default)", () => {
  expect(applyFlags({ max_cost_per_month: 100 }, { stopChannelOverBudget: true })).toEqual({ max_cost_per_month: 100, stop_channel_over_budget: true });
  expect(applyFlags({ max_cost_per_month: 100, stop_channel_over_budget: true }, { stopChannelOverBudget: false })).toEqual({ max_cost_per_month: 100 });
  expect(applyFlags({ max_cost_per_month: 100, stop_channel_over_budget: true }, {})).toEqual({ max_cost_per_month: 100, stop_channel_over_budget: true });
  const file = copyOf("company-webinars.json");
  const before = fs.readFileSync(file, "utf8");
  const refused = configure(file, "--stop-channel-over-budget");
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain(
    `${file}: $.automation.stop_channel_over_budget: error: stop_channel_over_budget stops the channel when the monthly budget is passed`,
  );
  expect(fs.readFileSync(file, "utf8")).toBe(before);
  const r = configure(file, "--max-cost-per-month", "400", "--stop-channel-over-budget", "--notify", "ops@example.com");
  expect(r.status).toBe(0);
  expect(JSON.parse(fs.readFileSync(file, "utf8")).automation).toEqual({
    max_cost_per_month: 400,
    stop_channel_over_budget: true,
    notify: { emails: ["ops@example.com"] },
  });
  expect(r.stdout).toMatch(/\+ {4}"stop_channel_over_budget": true,/);
});

test("the JSON editor removes a member cleanly and the diff of identical texts is empty", () => {
  const text = '{\n  "a": 1,\n  "automation": { "x": 1 },\n  "b": 2\n}\n';
  expect(setJsonMember(text, "automation", undefined)).toBe('{\n  "a": 1,\n  "b": 2\n}\n');
  expect(unifiedDiff(text, text, "f")).toBe("");
});
