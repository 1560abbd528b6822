import { checkPipelineDocument } from "../../src/core/definitions";
import { resolvePipeline } from "../../src/core/resolve";
import { loadCatalog } from "../../src/core/catalog";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";

const live = {
  pipeline_id: "weekly_show",
  pipeline_type: "live_stream",
  sources: ["rtmp"],
  transcode_profiles: ["720p"],
  outputs: ["cloudfront", { type: "s3_archive", retention_days: 365 }],
  region: "us-east-1",
  tier: "development",
};
const withAutomation = (automation: unknown, over: Record<string, unknown> = {}) => ({ ...live, ...over, automation });
const errors = (doc: unknown) =>
  checkPipelineDocument(doc, "show.json")
    .filter((p) => p.severity === "error")
    .map((p) => `${p.path} ${p.rule}`);

test("a full automation section is valid and resolves with its defaults (lead 5 minutes, Glacier Instant Retrieval)", () => {
  const automation = {
    scale_down_after_hours: 2,
    max_cost_per_month: 500,
    archive_after_days: 30,
    schedule: {
      timezone: "Europe/London",
      weekly: [{ days: ["TUE"], start: "19:00", end: "21:00" }],
      events: [{ start: "2026-12-24T18:00", end: "2026-12-24T23:30" }],
    },
    notify: { emails: ["ops@example.com"] },
  };
  expect(checkPipelineDocument(withAutomation(automation), "show.json")).toEqual([]);
  const resolved = resolvePipeline(withAutomation(automation) as PipelineDefinition, loadCatalog());
  expect(resolved.automation).toEqual({
    scale_down_after_hours: 2,
    max_cost_per_month: 500,
    archive_after_days: 30,
    archive_storage_class: "GLACIER_IR",
    schedule: {
      timezone: "Europe/London",
      start_lead_minutes: 5,
      weekly: [{ days: ["TUE"], start: "19:00", end: "21:00" }],
      events: [{ name: "event-1", start: "2026-12-24T18:00", end: "2026-12-24T23:30" }],
    },
    notify: { emails: ["ops@example.com"] },
  });
  expect(resolvePipeline(live as PipelineDefinition, loadCatalog())).not.toHaveProperty("automation");
});

test("nonsense is refused at its JSON path: zero or negative hours and budgets, unknown zones, ends before starts", () => {
  expect(errors(withAutomation({ scale_down_after_hours: 0 }))).toEqual(["$.automation.scale_down_after_hours schema"]);
  expect(errors(withAutomation({ max_cost_per_month: -5 }))).toEqual(["$.automation.max_cost_per_month schema"]);
  expect(errors(withAutomation({ archive_after_days: 0 }))).toEqual(["$.automation.archive_after_days schema"]);
  expect(errors(withAutomation({ schedule: { timezone: "Mars/Olympus", weekly: [{ days: ["MON"], start: "10:00", end: "09:00" }] } }))).toEqual([
    "$.automation.schedule.timezone BMF-AUTOMATION-SCHEDULE",
    "$.automation.schedule.weekly[0].end BMF-AUTOMATION-SCHEDULE",
  ]);
  expect(
    errors(
      withAutomation({
        schedule: {
          timezone: "UTC",
          events: [
            { start: "2026-02-30T10:00", end: "2026-03-01T09:00" },
            { start: "2026-03-02T10:00", end: "2026-03-02T09:59" },
          ],
        },
      }),
    ),
  ).toEqual(["$.automation.schedule.events[0].start BMF-AUTOMATION-SCHEDULE", "$.automation.schedule.events[1].end BMF-AUTOMATION-SCHEDULE"]);
  expect(errors(withAutomation({ schedule: { timezone: "+01:00", weekly: [{ days: ["MON"], start: "10:00", end: "11:00" }] } }))).toEqual([
    "$.automation.schedule.timezone BMF-AUTOMATION-SCHEDULE",
  ]);
});

test("archive tiering needs an archive output, a transition S3 accepts, and a move before the recordings expire", () => {
  expect(errors(withAutomation({ archive_after_days: 30 }, { outputs: ["cloudfront"] }))).toEqual(["$.automation.archive_after_days BMF-AUTOMATION-ARCHIVE"]);
  expect(errors(withAutomation({ archive_after_days: 10, archive_storage_class: "STANDARD_IA" }))).toEqual([
    "$.automation.archive_after_days BMF-AUTOMATION-ARCHIVE",
  ]);
  expect(errors(withAutomation({ archive_after_days: 400 }))).toEqual(["$.automation.archive_after_days BMF-AUTOMATION-ARCHIVE"]);
  expect(errors(withAutomation({ archive_storage_class: "GLACIER" }))).toEqual(["$.automation.archive_storage_class BMF-AUTOMATION-ARCHIVE"]);
  const shortStay = checkPipelineDocument(withAutomation({ archive_after_days: 300 }), "show.json");
  expect(shortStay).toEqual([expect.objectContaining({ path: "$.automation.archive_after_days", severity: "warning" })]);
});

test("idle stop and schedules need a channel; a budget without notify targets is a warning", () => {
  const vod = { ...live, pipeline_type: "vod_processing", sources: ["s3"], outputs: ["cloudfront"] };
  expect(errors({ ...vod, automation: { scale_down_after_hours: 1, max_cost_per_month: 50, notify: { emails: ["a@b.co"] } } })).toEqual([
    "$.automation.scale_down_after_hours BMF-AUTOMATION-CHANNEL",
  ]);
  expect(checkPipelineDocument(withAutomation({ max_cost_per_month: 50 }), "show.json")).toEqual([
    expect.objectContaining({ path: "$.automation.max_cost_per_month", severity: "warning" }),
  ]);
});

test("cron windows: Scheduler cron expressions pass; anything else is refused at its JSON path with the reason", () => {
  const schedule = (cron: unknown) => withAutomation({ schedule: { timezone: "Europe/Berlin", cron } });
  expect(checkPipelineDocument(schedule([{ name: "town-hall", start: "cron(55 8 ? * MON#1 *)", stop: "cron(0 12 ? * MON#1 *)" }]), "show.json")).toEqual([]);
  const problems = checkPipelineDocument(
    schedule([
      { start: "cron(55 8 ? * MON#1 *)", stop: "0 12 * * 1" },
      { start: "cron(0 9 * * MON *)", stop: "cron(0 12 ? * MON *)" },
    ]),
    "show.json",
  );
  expect(problems.map((p) => [p.path, p.rule, p.message])).toEqual([
    [
      "$.automation.schedule.cron[0].stop",
      "BMF-AUTOMATION-SCHEDULE",
      "'0 12 * * 1' is not an EventBridge Scheduler cron expression: write it as cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 18 ? * TUE,THU *)",
    ],
    [
      "$.automation.schedule.cron[1].start",
      "BMF-AUTOMATION-SCHEDULE",
      "'cron(0 9 * * MON *)' is not an EventBridge Scheduler cron expression: one of day-of-month and day-of-week must be ? (Scheduler does not take both), e.g. cron(0 18 ? * MON-FRI *)",
    ],
  ]);
  expect(errors(schedule([{ start: "cron(0 9 ? * MON *)" }]))).toEqual(["$.automation.schedule.cron[0] schema"]);
  const resolved = resolvePipeline(schedule([{ start: "cron(0 9 ? * MON *)", stop: "cron(0 12 ? * MON *)" }]) as PipelineDefinition, loadCatalog());
  expect(resolved.automation!.schedule).toEqual({
    timezone: "Europe/Berlin",
    start_lead_minutes: 5,
    weekly: [],
    events: [],
    cron: [{ name: "cron-1", start: "cron(0 9 ? * MON *)", stop: "cron(0 12 ? * MON *)" }],
  });
});

test("the budget stop is off by default, needs a budget and a channel, and resolves only when asked", () => {
  expect(
    checkPipelineDocument(withAutomation({ max_cost_per_month: 50, stop_channel_over_budget: true, notify: { emails: ["a@b.co"] } }), "show.json"),
  ).toEqual([]);
  expect(checkPipelineDocument(withAutomation({ stop_channel_over_budget: true }), "show.json").map((p) => [p.path, p.rule, p.message])).toEqual([
    [
      "$.automation.stop_channel_over_budget",
      "BMF-AUTOMATION-BUDGET-STOP",
      "stop_channel_over_budget stops the channel when the monthly budget is passed, and there is no max_cost_per_month to pass",
    ],
  ]);
  const vod = { ...live, pipeline_type: "vod_processing", sources: ["s3"], outputs: ["cloudfront"] };
  expect(errors({ ...vod, automation: { max_cost_per_month: 50, stop_channel_over_budget: true, notify: { emails: ["a@b.co"] } } })).toEqual([
    "$.automation.stop_channel_over_budget BMF-AUTOMATION-CHANNEL",
  ]);
  expect(errors(withAutomation({ max_cost_per_month: 50, stop_channel_over_budget: "yes" }))).toEqual(["$.automation.stop_channel_over_budget schema"]);
  const resolved = (a: unknown) => resolvePipeline(withAutomation(a) as PipelineDefinition, loadCatalog()).automation;
  expect(resolved({ max_cost_per_month: 50 })).not.toHaveProperty("stop_channel_over_budget");
  expect(resolved({ max_cost_per_month: 50, stop_channel_over_budget: false })).not.toHaveProperty("stop_channel_over_budget");
  expect(resolved({ max_cost_per_month: 50, stop_channel_over_budget: true })).toMatchObject({ stop_channel_over_budget: true });
  // A false setting passes the channel rule on a VOD pipeline: it asks for nothing.
  expect(errors({ ...vod, automation: { max_cost_per_month: 50, stop_channel_over_budget: false, notify: { emails: ["a@b.co"] } } })).toEqual([]);
});
