/**
 * Cost automation end to end without AWS: the plan (cron/at expressions, hours a month), the generated
 * automation.tf.json (least privilege, the alarm, the schedules, the budget, archive tiering), the state
 * machine's decisions run offline on sample MediaLive/CloudWatch events with the exact requests it sends, and
 * the validity rules that hold the new resources to AWS's API models.
 */
import * as fs from "node:fs";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { projectPath } from "../../src/core/project-paths";
import { renderPipelineModule } from "../../src/synth/module-render";
import { atExpression, automationPlan, channelHours, scheduledMonth, weeklyCron, MAX_HOURS_PER_MONTH } from "../../src/plans/automation";
import { moduleFromContents } from "../../src/validity/module-files";
import { checkModuleFiles } from "../../src/validity/rules";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";
import { validateAgainstSchema } from "../../src/core/schema-validation";
import { loadPriceTable } from "../../src/cost/prices";
import { estimatePipelines } from "../../src/cost/report";
import { patternMatches, runStateMachine } from "../support/asl";

const catalog = loadCatalog();
const weekly = JSON.parse(fs.readFileSync(projectPath("examples", "weekly-classes.json"), "utf8")) as PipelineDefinition;
const resolve = (def: PipelineDefinition) => resolvePipeline(def, catalog);
const render = (def: PipelineDefinition) => renderPipelineModule(resolve(def));
const docOf = (def: PipelineDefinition, file: string) => JSON.parse(render(def).files.get(file)!);

describe("plan", () => {
  test("weekly windows become cron() in local time; the lead and 24:00 move across midnight with their days", () => {
    expect(weeklyCron(18 * 60 + 25, ["TUE", "THU"])).toBe("cron(25 18 ? * TUE,THU *)");
    expect(weeklyCron(2 - 5, ["MON", "SUN"])).toBe("cron(57 23 ? * SUN,SAT *)");
    expect(weeklyCron(24 * 60, ["SAT"])).toBe("cron(0 0 ? * SUN *)");
    expect(atExpression("2027-01-01T00:03", -5)).toBe("at(2026-12-31T23:58:00)");
  });

  test("the schedule gives the month's hours (lead included; one-off events count their busiest month)", () => {
    const month = scheduledMonth({ timezone: "UTC", start_lead_minutes: 5, weekly: [{ days: ["TUE", "THU"], start: "18:30", end: "20:30" }], events: [] });
    expect(month.hours).toBe(18.12); // 125 min x 2 days x 4.348 weeks
    const events = scheduledMonth({
      timezone: "UTC",
      start_lead_minutes: 0,
      weekly: [],
      events: [
        { name: "a", start: "2026-12-05T18:00", end: "2026-12-05T21:00" },
        { name: "b", start: "2026-12-31T22:00", end: "2027-01-01T02:00" },
        { name: "c", start: "2027-01-10T10:00", end: "2027-01-10T11:00" },
      ],
    });
    expect(events).toEqual({ hours: 7, starts: 2 });
    expect(
      scheduledMonth({
        timezone: "UTC",
        start_lead_minutes: 0,
        weekly: [{ days: ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"], start: "00:00", end: "24:00" }],
        events: [],
      }).hours,
    ).toBe(730.5);
  });

  test("idle stop caps what a forgotten channel runs: each start adds at most the silence limit and one alarm period", () => {
    const p = resolve(weekly);
    const hours = channelHours(p, 10);
    expect(hours.from).toBe("schedule");
    expect(hours.hours).toBeCloseTo(18.12, 2);
    const starts = 2 * (365.25 / 12 / 7);
    expect(hours.unattendedHours).toBeCloseTo(hours.hours + starts * (1 + 300 / 3600), 6);
    const noIdle = resolve({ ...weekly, automation: { ...weekly.automation, scale_down_after_hours: undefined } });
    expect(channelHours(noIdle, 10).unattendedHours).toBe(MAX_HOURS_PER_MONTH);
    const noSchedule = resolve({ ...weekly, automation: { scale_down_after_hours: 2 } });
    expect(channelHours(noSchedule, 10)).toEqual({ hours: 10, from: "usage", unattendedHours: 10 + 5 * (2 + 300 / 3600), idleStopAfterHours: 2 });
  });
});

describe("generated automation.tf.json", () => {
  const doc = docOf(weekly, "automation.tf.json");
  const r = doc.resource;

  test("holds the idle stop, the schedules and the budget, and nothing without an automation section changes", () => {
    expect(Object.keys(r).sort()).toEqual([
      "aws_budgets_budget",
      "aws_cloudwatch_event_rule",
      "aws_cloudwatch_event_target",
      "aws_cloudwatch_metric_alarm",
      "aws_iam_role",
      "aws_iam_role_policy",
      "aws_scheduler_schedule",
      "aws_sfn_state_machine",
    ]);
    expect(render({ ...weekly, automation: undefined }).files.has("automation.tf.json")).toBe(false);
  });

  test("every permission is limited to this channel, its alarm, its state machine or its bus; every trust to this module's sources", () => {
    const policies = doc.data.aws_iam_policy_document;
    const permissions = Object.entries(policies).filter(([n]) => n.endsWith("_permissions"));
    expect(permissions.map(([n]) => n).sort()).toEqual(["channel_schedule_permissions", "idle_stop_permissions", "idle_stop_trigger_permissions"]);
    const resources = permissions.flatMap(([, p]: [string, any]) => p.statement.flatMap((s: any) => s.resources)); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(new Set(resources)).toEqual(
      new Set([
        "${aws_medialive_channel.main.arn}",
        "${aws_cloudwatch_metric_alarm.idle_input.arn}",
        "${aws_cloudwatch_event_bus.pipeline.arn}",
        "${aws_sfn_state_machine.idle_stop.arn}",
      ]),
    );
    const actions = permissions.flatMap(([, p]: [string, any]) => p.statement.flatMap((s: any) => s.actions)); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(actions.sort()).toEqual([
      "cloudwatch:DescribeAlarms",
      "events:PutEvents",
      "medialive:DescribeChannel",
      "medialive:StartChannel",
      "medialive:StopChannel",
      "medialive:StopChannel",
      "states:StartExecution",
    ]);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    for (const [name, p] of Object.entries(policies).filter(([n]) => n.endsWith("_trust")) as Array<[string, any]>) {
      const variables = p.statement[0].condition.map((c: any) => c.variable); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect({ name, variables }).toEqual({ name, variables: ["aws:SourceAccount", "aws:SourceArn"] });
    }
  });

  test("the schedules call Scheduler's universal targets with the channel id, in the schedule's time zone, 5 minutes early", () => {
    expect(r.aws_scheduler_schedule.channel_start_w1).toMatchObject({
      schedule_expression: "cron(25 18 ? * TUE,THU *)",
      schedule_expression_timezone: "America/New_York",
      flexible_time_window: { mode: "OFF" },
      target: {
        arn: "arn:${data.aws_partition.current.partition}:scheduler:::aws-sdk:medialive:startChannel",
        input: '{"ChannelId":"${aws_medialive_channel.main.id}"}',
        role_arn: "${aws_iam_role.channel_schedule.arn}",
      },
    });
    expect(r.aws_scheduler_schedule.channel_stop_w1.schedule_expression).toBe("cron(30 20 ? * TUE,THU *)");
    expect(r.aws_scheduler_schedule.channel_stop_w1.target.arn).toMatch(/aws-sdk:medialive:stopChannel$/);
  });

  test("cron windows become schedules with the expressions as written, priced from the months they run in", () => {
    const withCron = {
      ...weekly,
      automation: {
        ...weekly.automation,
        schedule: { timezone: "Europe/Berlin", cron: [{ name: "town-hall", start: "cron(55 8 ? * MON#1 *)", stop: "cron(0 12 ? * MON#1 *)" }] },
      },
    };
    const schedules = docOf(withCron, "automation.tf.json").resource.aws_scheduler_schedule;
    expect(Object.keys(schedules)).toEqual(["channel_start_c1", "channel_stop_c1"]);
    expect(schedules.channel_start_c1).toMatchObject({
      schedule_expression: "cron(55 8 ? * MON#1 *)",
      schedule_expression_timezone: "Europe/Berlin",
      target: { arn: "arn:${data.aws_partition.current.partition}:scheduler:::aws-sdk:medialive:startChannel" },
    });
    expect(schedules.channel_stop_c1.schedule_expression).toBe("cron(0 12 ? * MON#1 *)");
    const plan = automationPlan(resolve(withCron))!;
    expect(plan.scheduledHoursPerMonth).toBe(3.08); // 185 minutes on the first Monday of each month
    expect(plan.scheduledStartsPerMonth).toBe(1);
    expect(channelHours(resolve(withCron), 10)).toMatchObject({ hours: 3.08, from: "schedule" });
    expect(render(withCron).files.get("README.md")).toMatch(
      /Cron windows \(`start-c…`\/`stop-c…`\) fire at their Scheduler `cron\(\.\.\.\)` expressions as written, with no lead/,
    );
    expect(render(weekly).files.get("README.md")).not.toMatch(/Cron windows/);
  });

  test("the budget filters on the Pipeline cost-allocation tag and notifies at 80% forecast and 100% actual", () => {
    expect(r.aws_budgets_budget.monthly).toMatchObject({
      budget_type: "COST",
      limit_amount: "250.00",
      limit_unit: "USD",
      time_unit: "MONTHLY",
      cost_filter: [{ name: "TagKeyValue", values: ["user:Pipeline$weekly-classes"] }],
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(r.aws_budgets_budget.monthly.notification.map((n: any) => [n.notification_type, n.threshold, n.subscriber_email_addresses])).toEqual([
      ["FORECASTED", 80, "${var.budget_notification_emails}"],
      ["ACTUAL", 100, "${var.budget_notification_emails}"],
    ]);
    expect(docOf(weekly, "variables.tf.json").variable.budget_notification_emails.default).toEqual(["classes-ops@example.com"]);
    const readme = render(weekly).files.get("README.md")!;
    expect(readme).toMatch(/Activate the `Pipeline` tag as a cost-allocation tag/);
    expect(readme).toMatch(/InputVideoFrameRate/);
  });

  test("the idle alarm counts missing data as no video; a STANDARD channel is idle only when both pipelines are", () => {
    expect(r.aws_cloudwatch_metric_alarm.idle_input).toMatchObject({
      evaluation_periods: 12,
      datapoints_to_alarm: 12,
      threshold: 1,
      comparison_operator: "LessThanThreshold",
      treat_missing_data: "breaching",
    });
    const enterprise = docOf({ ...weekly, tier: "enterprise", automation: { scale_down_after_hours: 0.5 } }, "automation.tf.json").resource
      .aws_cloudwatch_metric_alarm.idle_input;
    expect(enterprise.evaluation_periods).toBe(6);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(enterprise.metric_query.map((q: any) => [q.id, q.metric?.dimensions.Pipeline ?? q.expression, q.return_data])).toEqual([
      ["pipeline0", "0", false],
      ["pipeline1", "1", false],
      ["input_frame_rate", "MAX([pipeline0, pipeline1])", true],
    ]);
  });

  test("archive tiering moves recordings to Glacier Instant Retrieval; archived streams only when kept long enough", () => {
    const rules = docOf(weekly, "archive.tf.json").resource.aws_s3_bucket_lifecycle_configuration.archive.rule;
    const byId = Object.fromEntries(rules.map((x: any) => [x.id, x.transition ?? []])); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(byId.recordings).toEqual([{ days: 30, storage_class: "GLACIER_IR" }]);
    expect(byId["archived-7d"]).toEqual([]);
    expect(byId["archived-90d"]).toEqual([]); // 60 days in GLACIER_IR would still pay 90
    expect(byId["archived-365d"]).toEqual([{ days: 30, storage_class: "GLACIER_IR" }]);
  });

  test("a VOD-only pipeline gets the budget alone", () => {
    const vod = JSON.parse(fs.readFileSync(projectPath("examples", "vod-library.json"), "utf8"));
    const d = docOf(
      { ...vod, automation: { max_cost_per_month: 40, notify: { sns_topic_arn: "arn:aws:sns:us-east-1:111122223333:costs" } } },
      "automation.tf.json",
    );
    expect(Object.keys(d.resource)).toEqual(["aws_budgets_budget"]);
    expect(d.resource.aws_budgets_budget.monthly.notification[0].subscriber_sns_topic_arns).toBe("${var.budget_sns_topic_arns}");
  });
});

describe("the idle-stop state machine, run offline", () => {
  const d = docOf(weekly, "automation.tf.json");
  // What Terraform fills in at apply time, as a deployed module would have it.
  const applied = JSON.parse(
    JSON.stringify(d.locals)
      .replaceAll("${data.aws_partition.current.partition}", "aws")
      .replaceAll("${aws_medialive_channel.main.id}", "4711")
      .replaceAll("${aws_medialive_channel.main.arn}", "arn:aws:medialive:us-east-1:111122223333:channel:4711")
      .replaceAll("${aws_cloudwatch_event_bus.pipeline.arn}", "arn:aws:events:us-east-1:111122223333:event-bus/weekly-classes-media-events")
      .replaceAll("${aws_cloudwatch_metric_alarm.idle_input.arn}", "arn:aws:cloudwatch:us-east-1:111122223333:alarm:weekly-classes-idle-stop-input")
      .replaceAll("${var.name_prefix}", "weekly-classes"),
  );
  const definition = applied.idle_stop_definition;
  // Sample events in the shapes AWS documents for CloudWatch alarm and MediaLive channel state changes.
  const alarmEvent = (value: string) => ({
    version: "0",
    id: "c4c1c1c9-6542-e61b-6ef0-8c4d36933a92",
    "detail-type": "CloudWatch Alarm State Change",
    source: "aws.cloudwatch",
    account: "111122223333",
    time: "2026-12-01T21:35:00Z",
    region: "us-east-1",
    resources: ["arn:aws:cloudwatch:us-east-1:111122223333:alarm:weekly-classes-idle-stop-input"],
    detail: {
      alarmName: "weekly-classes-idle-stop-input",
      state: {
        value,
        reason: "Threshold Crossed: 12 out of the last 12 datapoints were less than the threshold (1.0)",
        timestamp: "2026-12-01T21:35:00.000+0000",
      },
      previousState: { value: "OK" },
    },
  });
  const channelEvent = (state: string) => ({
    version: "0",
    id: "2ee33f4c-b2f8-4a6e-9b4a-7d1b6a0c1d0e",
    "detail-type": "MediaLive Channel State Change",
    source: "aws.medialive",
    account: "111122223333",
    time: "2026-12-01T18:25:12Z",
    region: "us-east-1",
    resources: ["arn:aws:medialive:us-east-1:111122223333:channel:4711"],
    detail: { channel_arn: "arn:aws:medialive:us-east-1:111122223333:channel:4711", state, message: `Channel is now ${state}`, pipelines_running_count: 1 },
  });
  const stubs = (channelState: string, alarmState: string) => ({
    "arn:aws:states:::aws-sdk:medialive:describeChannel": () => ({ Id: "4711", State: channelState, ChannelClass: "SINGLE_PIPELINE" }),
    "arn:aws:states:::aws-sdk:cloudwatch:describeAlarms": () => ({
      MetricAlarms: [{ AlarmName: "weekly-classes-idle-stop-input", StateValue: alarmState }],
      CompositeAlarms: [],
    }),
    "arn:aws:states:::aws-sdk:medialive:stopChannel": () => ({ Id: "4711", State: "STOPPING" }),
    "arn:aws:states:::events:putEvents": () => ({ FailedEntryCount: 0, Entries: [{ EventId: "e1" }] }),
  });

  test("the rules start it for the alarm going to ALARM and for the channel going to RUNNING, and for nothing else", () => {
    const alarmRule = applied.idle_stop_idle_alarm_pattern,
      runningRule = applied.idle_stop_channel_running_pattern;
    expect(patternMatches(alarmRule, alarmEvent("ALARM"))).toBe(true);
    expect(patternMatches(alarmRule, alarmEvent("OK"))).toBe(false);
    expect(patternMatches(runningRule, channelEvent("RUNNING"))).toBe(true);
    expect(patternMatches(runningRule, channelEvent("STOPPED"))).toBe(false);
    expect(
      patternMatches(runningRule, {
        ...channelEvent("RUNNING"),
        detail: { ...channelEvent("RUNNING").detail, channel_arn: "arn:aws:medialive:us-east-1:111122223333:channel:9999" },
      }),
    ).toBe(false);
  });

  test("input lost while running: it stops exactly this channel and announces channel.auto_stopped with the reason", () => {
    const run = runStateMachine(definition, alarmEvent("ALARM"), stubs("RUNNING", "ALARM"));
    expect(run.path).toEqual(["WhatHappened", "DescribeChannel", "IsRunning", "StopChannel", "AnnounceStop"]);
    expect(run.calls).toEqual([
      { resource: "arn:aws:states:::aws-sdk:medialive:describeChannel", request: { ChannelId: "4711" } },
      { resource: "arn:aws:states:::aws-sdk:medialive:stopChannel", request: { ChannelId: "4711" } },
      {
        resource: "arn:aws:states:::events:putEvents",
        request: {
          Entries: [
            {
              EventBusName: "arn:aws:events:us-east-1:111122223333:event-bus/weekly-classes-media-events",
              Source: "blackwell.media",
              DetailType: "channel.auto_stopped",
              Detail: {
                pipeline_id: "weekly-classes",
                channel_arn: "arn:aws:medialive:us-east-1:111122223333:channel:4711",
                reason: "no_input",
                reason_text: "no input video for 1 h while running",
                alarm: "weekly-classes-idle-stop-input",
                trigger: "aws.cloudwatch",
                time: "2026-12-01T21:35:00Z",
              },
            },
          ],
        },
      },
    ]);
  });

  test("a channel already stopped (its alarm rests in ALARM) is left alone", () => {
    const run = runStateMachine(definition, alarmEvent("ALARM"), stubs("IDLE", "ALARM"));
    expect(run.end).toBe("NotRunning");
    expect(run.calls.map((c) => c.resource)).toEqual(["arn:aws:states:::aws-sdk:medialive:describeChannel"]);
  });

  test("a channel started without input: after the limit the alarm is read and the channel stopped; with input it runs on", () => {
    const idle = runStateMachine(definition, channelEvent("RUNNING"), stubs("RUNNING", "ALARM"));
    expect(idle.path).toEqual([
      "WhatHappened",
      "WaitIdleLimit",
      "ReadIdleAlarm",
      "IsAlarmInAlarm",
      "DescribeChannel",
      "IsRunning",
      "StopChannel",
      "AnnounceStop",
    ]);
    expect(idle.calls[0]).toEqual({
      resource: "arn:aws:states:::aws-sdk:cloudwatch:describeAlarms",
      request: { AlarmNames: ["weekly-classes-idle-stop-input"] },
    });
    expect(definition.States.WaitIdleLimit.Seconds).toBe(3600);
    const streaming = runStateMachine(definition, channelEvent("RUNNING"), stubs("RUNNING", "OK"));
    expect(streaming.end).toBe("NotIdle");
    expect(streaming.calls.map((c) => c.resource)).toEqual(["arn:aws:states:::aws-sdk:cloudwatch:describeAlarms"]);
  });

  test("anything else (an OK alarm, a replayed event of another kind) ends without a call", () => {
    for (const event of [alarmEvent("OK"), channelEvent("STOPPED"), {}])
      expect(runStateMachine(definition, event, stubs("RUNNING", "ALARM"))).toMatchObject({ end: "NotIdle", calls: [] });
  });
});

describe("validity rules on the new resources", () => {
  const files = render(weekly).files;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const check = (mutate: (docs: Map<string, any>) => void) => {
    const docs = new Map([...files].filter(([f]) => f.endsWith(".tf.json") && !f.includes("/")).map(([f, t]) => [f, JSON.parse(t)]));
    mutate(docs);
    const contents = new Map([...files].map(([f, t]) => [f, docs.has(f) ? JSON.stringify(docs.get(f)) : t]));
    return checkModuleFiles(moduleFromContents(contents)).findings.map((f) => `${f.rule} ${f.path}: ${f.message}`);
  };

  test("the generated module passes every rule", () => expect(check(() => undefined)).toEqual([]));

  test("NEGATIVE: a universal target naming no MediaLive operation, or sending a member the request has not, is caught", () => {
    expect(
      check(
        (d) => (d.get("automation.tf.json").resource.aws_scheduler_schedule.channel_start_w1.target.arn = "arn:aws:scheduler:::aws-sdk:medialive:startChanel"),
      ),
    ).toEqual(["SDK-INTEGRATION resource.aws_scheduler_schedule.channel_start_w1.target: the MediaLive API has no operation 'startChanel'"]);
    expect(
      check(
        (d) => (d.get("automation.tf.json").resource.aws_scheduler_schedule.channel_stop_w1.target.input = '{"ChannelID":"${aws_medialive_channel.main.id}"}'),
      ),
    ).toEqual([
      "SDK-INTEGRATION resource.aws_scheduler_schedule.channel_stop_w1.target.request.ChannelID: 'ChannelID' is not a member of StopChannelRequest in the MediaLive API (did you mean ChannelId?)",
      "SDK-INTEGRATION resource.aws_scheduler_schedule.channel_stop_w1.target.request: StopChannelRequest requires ChannelId",
    ]);
  });

  test("NEGATIVE: a state machine task without its required request member, a dangling Next and an unreachable state are caught", () => {
    const findings = check((d) => {
      const states = d.get("automation.tf.json").locals.idle_stop_definition.States;
      states.ReadIdleAlarm.Parameters = { AlarmName: "x" };
      states.DescribeChannel.Parameters = { "Channel.$": "$.detail.channel_arn" };
      states.StopChannel.Next = "Announce";
    });
    expect(findings.sort()).toEqual(
      [
        'SFN-DEFINITION locals.idle_stop_definition.States.StopChannel.Next: "Announce" is not a state of this machine',
        "SFN-DEFINITION locals.idle_stop_definition.States.AnnounceStop: no path from StartAt reaches this state",
        "SDK-INTEGRATION locals.idle_stop_definition.States.ReadIdleAlarm.request.AlarmName: 'AlarmName' is not a member of DescribeAlarmsInput in the CloudWatch API",
        "SDK-INTEGRATION locals.idle_stop_definition.States.DescribeChannel.request.Channel: 'Channel' is not a member of DescribeChannelRequest in the MediaLive API",
        "SDK-INTEGRATION locals.idle_stop_definition.States.DescribeChannel.request: DescribeChannelRequest requires ChannelId",
      ].sort(),
    );
  });

  test("NEGATIVE: a budget filter in a shape Cost Explorer does not match, and enums AWS does not know, are caught", () => {
    expect(
      check((d) => {
        const b = d.get("automation.tf.json").resource.aws_budgets_budget.monthly;
        b.cost_filter = [
          { name: "TagKeyValue", values: ["Pipeline=weekly-classes"] },
          { name: "Tag", values: ["x"] },
        ];
        b.time_unit = "WEEKLY";
        d.get("automation.tf.json").resource.aws_scheduler_schedule.channel_stop_w1.flexible_time_window.mode = "NONE";
      }),
    ).toEqual([
      'AWS-SPEC-VALUES resource.aws_budgets_budget.monthly.time_unit: "WEEKLY" is not allowed by the Budgets API\'s TimeUnit; AWS allows DAILY, MONTHLY, QUARTERLY, ANNUALLY',
      'AWS-SPEC-VALUES resource.aws_scheduler_schedule.channel_stop_w1.flexible_time_window.mode: "NONE" is not allowed by AWS::Scheduler::Schedule FlexibleTimeWindow.Mode; AWS allows OFF, FLEXIBLE',
      'BUDGET-FILTERS resource.aws_budgets_budget.monthly.cost_filter[0].values[0]: "Pipeline=weekly-classes" is not a TagKeyValue filter: Cost Explorer writes user:<tag key>$<tag value>',
      expect.stringMatching(/^BUDGET-FILTERS resource.aws_budgets_budget.monthly.cost_filter\[1\].name: "Tag" is not a Budgets cost filter/),
    ]);
  });
});

test("automationPlan is absent without an automation section and never has schedules for a VOD pipeline", () => {
  expect(automationPlan(resolve({ ...weekly, automation: undefined }))).toBeUndefined();
});

describe("budget stop (automation.stop_channel_over_budget), opt-in", () => {
  const asked = { ...weekly, automation: { ...weekly.automation, stop_channel_over_budget: true } };
  const files = render(asked).files;
  const d = JSON.parse(files.get("automation.tf.json")!);
  const r = d.resource;
  const policy = (name: string) => d.data.aws_iam_policy_document[name].statement;

  test("off unless asked: the example's module has none of it; asked, the route from the budget to the channel is added", () => {
    const plain = docOf(weekly, "automation.tf.json").resource;
    for (const type of ["aws_kms_key", "aws_sns_topic", "aws_sqs_queue", "aws_pipes_pipe"]) expect(plain[type]).toBeUndefined();
    expect(Object.keys(plain.aws_sfn_state_machine)).toEqual(["idle_stop"]);
    expect(Object.keys(r.aws_sfn_state_machine).sort()).toEqual(["budget_stop", "idle_stop"]);
    expect(Object.keys(r.aws_sqs_queue).sort()).toEqual(["budget_stop", "budget_stop_dead_letter"]);
    expect(r.aws_sns_topic_subscription.budget_stop).toMatchObject({
      protocol: "sqs",
      topic_arn: "${aws_sns_topic.budget_stop.arn}",
      endpoint: "${aws_sqs_queue.budget_stop.arn}",
    });
    expect(r.aws_sns_topic_subscription.budget_stop.raw_message_delivery).toBeUndefined(); // the envelope the pipe filters on
  });

  test("the budget gets a notification of its own for the topic (actual above the limit); the people's notifications are unchanged", () => {
    const plain = docOf(weekly, "automation.tf.json").resource.aws_budgets_budget.monthly;
    const budget = r.aws_budgets_budget.monthly;
    expect(budget.notification.slice(0, 2)).toEqual(plain.notification);
    expect(budget.notification[2]).toEqual({
      notification_type: "ACTUAL",
      comparison_operator: "GREATER_THAN",
      threshold: 250,
      threshold_type: "ABSOLUTE_VALUE",
      subscriber_sns_topic_arns: ["${aws_sns_topic.budget_stop.arn}"],
    });
    expect(budget.depends_on).toEqual(["aws_sns_topic_policy.budget_stop"]);
    // Without notify targets the stop notification is still there (and alone).
    const silent = docOf({ ...asked, automation: { max_cost_per_month: 90, stop_channel_over_budget: true } }, "automation.tf.json").resource.aws_budgets_budget
      .monthly;
    expect(silent.notification).toEqual([expect.objectContaining({ threshold: 90, threshold_type: "ABSOLUTE_VALUE" })]);
  });

  test("everything at rest is encrypted: the topic with a rotated key Budgets may use for this account only, both queues by SQS", () => {
    expect(r.aws_sns_topic.budget_stop.kms_master_key_id).toBe("${aws_kms_key.budget_stop.arn}");
    expect(r.aws_kms_key.budget_stop.enable_key_rotation).toBe(true);
    expect(r.aws_sqs_queue.budget_stop.sqs_managed_sse_enabled).toBe(true);
    expect(r.aws_sqs_queue.budget_stop_dead_letter.sqs_managed_sse_enabled).toBe(true);
    expect(r.aws_sqs_queue.budget_stop.redrive_policy).toBe(
      '${jsonencode({"deadLetterTargetArn" = aws_sqs_queue.budget_stop_dead_letter.arn, "maxReceiveCount" = 5})}',
    );
    const budgetArn = "arn:${data.aws_partition.current.partition}:budgets::${local.automation_account_id}:*";
    const budgetsOnly = [
      { test: "StringEquals", variable: "aws:SourceAccount", values: ["${local.automation_account_id}"] },
      { test: "ArnLike", variable: "aws:SourceArn", values: [budgetArn] },
    ];
    const key = policy("budget_stop_key_policy");
    expect(key[1]).toMatchObject({
      principals: [{ type: "Service", identifiers: ["budgets.amazonaws.com"] }],
      actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
    });
    expect(key[1].condition).toEqual(budgetsOnly);
    expect(policy("budget_stop_topic_access")).toEqual([
      expect.objectContaining({
        principals: [{ type: "Service", identifiers: ["budgets.amazonaws.com"] }],
        actions: ["SNS:Publish"],
        resources: ["${aws_sns_topic.budget_stop.arn}"],
        condition: budgetsOnly,
      }),
    ]);
    expect(policy("budget_stop_queue_access")).toEqual([
      expect.objectContaining({
        principals: [{ type: "Service", identifiers: ["sns.amazonaws.com"] }],
        actions: ["sqs:SendMessage"],
        resources: ["${aws_sqs_queue.budget_stop.arn}"],
        condition: [{ test: "ArnEquals", variable: "aws:SourceArn", values: ["${aws_sns_topic.budget_stop.arn}"] }],
      }),
    ]);
  });

  test("the pipe reads this queue and starts this state machine only; the state machine may stop this channel and tell this bus only", () => {
    expect(r.aws_pipes_pipe.budget_stop).toMatchObject({
      source: "${aws_sqs_queue.budget_stop.arn}",
      target: "${aws_sfn_state_machine.budget_stop.arn}",
      role_arn: "${aws_iam_role.budget_stop_pipe.arn}",
      source_parameters: { sqs_queue_parameters: { batch_size: 1 } },
      target_parameters: { step_function_state_machine_parameters: { invocation_type: "FIRE_AND_FORGET" } },
    });
    expect(policy("budget_stop_pipe_permissions")).toEqual([
      {
        sid: "ReadTheBudgetStopQueue",
        effect: "Allow",
        actions: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
        resources: ["${aws_sqs_queue.budget_stop.arn}"],
      },
      { sid: "StartTheBudgetStop", effect: "Allow", actions: ["states:StartExecution"], resources: ["${aws_sfn_state_machine.budget_stop.arn}"] },
    ]);
    expect(policy("budget_stop_permissions")).toEqual([
      {
        sid: "StopThisChannel",
        effect: "Allow",
        actions: ["medialive:DescribeChannel", "medialive:StopChannel"],
        resources: ["${aws_medialive_channel.main.arn}"],
      },
      { sid: "AnnounceOnPipelineBus", effect: "Allow", actions: ["events:PutEvents"], resources: ["${aws_cloudwatch_event_bus.pipeline.arn}"] },
    ]);
    expect(policy("budget_stop_pipe_trust")[0].principals).toEqual([{ type: "Service", identifiers: ["pipes.amazonaws.com"] }]);
    expect(policy("budget_stop_pipe_trust")[0].condition[1].values).toEqual([
      "arn:${data.aws_partition.current.partition}:pipes:${data.aws_region.current.id}:${local.automation_account_id}:pipe/${var.name_prefix}-budget-stop",
    ]);
    const outputs = JSON.parse(files.get("outputs.tf.json")!).output;
    expect(outputs.budget_stop_state_machine_arn.value).toBe("${aws_sfn_state_machine.budget_stop.arn}");
    expect(outputs.budget_stop_dead_letter_queue_url.value).toBe("${aws_sqs_queue.budget_stop_dead_letter.url}");
  });

  // What SQS hands the pipe: the SNS envelope of Budgets' message as the record's body (AWS documents both shapes).
  const topicArn = "arn:aws:sns:us-east-1:111122223333:weekly-classes-budget-stop";
  const record = (fromTopic = topicArn) => ({
    messageId: "059f36b4-87a3-44ab-83d2-661975830a7d",
    receiptHandle: "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
    body: {
      Type: "Notification",
      MessageId: "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
      TopicArn: fromTopic,
      Subject: "AWS Budgets: weekly-classes-monthly has exceeded your alert threshold",
      Message:
        "AWS Budget Notification December 01, 2026\nAWS Account 111122223333\n\nDear AWS Customer,\n\nYou requested that we alert you when the ACTUAL Cost associated with your weekly-classes-monthly budget is greater than $250.00 for the current month.",
      Timestamp: "2026-12-01T15:52:11.123Z",
    },
    attributes: { ApproximateReceiveCount: "1", SentTimestamp: "1764604331123" },
    messageAttributes: {},
    md5OfBody: "e4e68fb7bd0e697a0ae8f1bb342846b3",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:111122223333:weekly-classes-budget-stop",
    awsRegion: "us-east-1",
  });

  test("the pipe's filter passes Budgets' notification from this topic and nothing else", () => {
    const filter = JSON.parse(JSON.stringify(d.locals.budget_stop_pipe_filter).replaceAll("${aws_sns_topic.budget_stop.arn}", topicArn));
    expect(r.aws_pipes_pipe.budget_stop.source_parameters.filter_criteria.filter).toEqual([{ pattern: "${jsonencode(local.budget_stop_pipe_filter)}" }]);
    expect(patternMatches(filter, record())).toBe(true);
    expect(patternMatches(filter, record("arn:aws:sns:us-east-1:111122223333:other"))).toBe(false);
    expect(patternMatches(filter, { ...record(), body: { ...record().body, Type: "SubscriptionConfirmation" } })).toBe(false);
  });

  const applied = JSON.parse(
    JSON.stringify(d.locals.budget_stop_definition)
      .replaceAll("${data.aws_partition.current.partition}", "aws")
      .replaceAll("${aws_medialive_channel.main.id}", "4711")
      .replaceAll("${aws_medialive_channel.main.arn}", "arn:aws:medialive:us-east-1:111122223333:channel:4711")
      .replaceAll("${aws_cloudwatch_event_bus.pipeline.arn}", "arn:aws:events:us-east-1:111122223333:event-bus/weekly-classes-media-events")
      .replaceAll("${var.name_prefix}", "weekly-classes"),
  );
  const stubs = (state: string) => ({
    "arn:aws:states:::aws-sdk:medialive:describeChannel": () => ({ Id: "4711", State: state, ChannelClass: "SINGLE_PIPELINE" }),
    "arn:aws:states:::aws-sdk:medialive:stopChannel": () => ({ Id: "4711", State: "STOPPING" }),
    "arn:aws:states:::events:putEvents": () => ({ FailedEntryCount: 0, Entries: [{ EventId: "e1" }] }),
  });

  test("run offline on the pipe's batch: it stops exactly this running channel and announces channel.auto_stopped with reason budget", () => {
    const run = runStateMachine(applied, [record()], stubs("RUNNING"), { State: { EnteredTime: "2026-12-01T15:52:14Z" } });
    expect(run.path).toEqual(["Received", "DescribeChannel", "IsRunning", "StopChannel", "AnnounceStop"]);
    expect(run.calls.slice(0, 2)).toEqual([
      { resource: "arn:aws:states:::aws-sdk:medialive:describeChannel", request: { ChannelId: "4711" } },
      { resource: "arn:aws:states:::aws-sdk:medialive:stopChannel", request: { ChannelId: "4711" } },
    ]);
    const entry = (run.calls[2].request as { Entries: Array<Record<string, unknown>> }).Entries[0];
    expect(entry).toEqual({
      EventBusName: "arn:aws:events:us-east-1:111122223333:event-bus/weekly-classes-media-events",
      Source: "blackwell.media",
      DetailType: "channel.auto_stopped",
      Detail: {
        pipeline_id: "weekly-classes",
        channel_arn: "arn:aws:medialive:us-east-1:111122223333:channel:4711",
        reason: "budget",
        reason_text: "the month's actual cost passed the budget of 250.00 USD",
        budget: "weekly-classes-monthly",
        trigger: "aws.budgets",
        time: "2026-12-01T15:52:14Z",
      },
    });
    // As EventBridge delivers it, the event is one the published contract (schemas/events.schema.json) accepts.
    const delivered = {
      version: "0",
      id: "a1b2c3d4-0000-4000-8000-000000000001",
      "detail-type": entry.DetailType,
      source: entry.Source,
      account: "111122223333",
      time: "2026-12-01T15:52:14Z",
      region: "us-east-1",
      resources: [],
      detail: entry.Detail,
    };
    expect(validateAgainstSchema("events", delivered, "budget stop")).toEqual([]);
  });

  test("with an events section the event carries the client id, as every other event does", () => {
    const withClient = { ...asked, events: { client_id: "acme" } };
    const definition = docOf(withClient, "automation.tf.json").locals.budget_stop_definition;
    expect(definition.States.AnnounceStop.Parameters.Entries[0].Detail).toMatchObject({ pipeline_id: "weekly-classes", client_id: "acme", reason: "budget" });
    expect(applied.States.AnnounceStop.Parameters.Entries[0].Detail).not.toHaveProperty("client_id");
  });

  test("a channel that is not running is left alone", () => {
    for (const state of ["IDLE", "STOPPING"]) {
      const run = runStateMachine(applied, [record()], stubs(state));
      expect(run.end).toBe("NotRunning");
      expect(run.calls.map((c) => c.resource)).toEqual(["arn:aws:states:::aws-sdk:medialive:describeChannel"]);
    }
  });

  test("the module passes every validity rule; the rules catch a pipe that would not start it, and a second notification Budgets refuses", () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const check = (mutate: (doc: any) => void) => {
      const doc = JSON.parse(files.get("automation.tf.json")!);
      mutate(doc);
      const contents = new Map([...files].map(([f, t]) => [f, f === "automation.tf.json" ? JSON.stringify(doc) : t]));
      return checkModuleFiles(moduleFromContents(contents)).findings.map((f) => `${f.rule} ${f.path}: ${f.message}`);
    };
    expect(check(() => undefined)).toEqual([]);
    expect(
      check((doc) => {
        const pipe = doc.resource.aws_pipes_pipe.budget_stop;
        pipe.target_parameters.step_function_state_machine_parameters.invocation_type = "REQUEST_RESPONSE";
        pipe.source_parameters.sqs_queue_parameters.batch_size = 11;
        pipe.desired_state = "PAUSED";
      }).sort(),
    ).toEqual([
      'AWS-SPEC-VALUES resource.aws_pipes_pipe.budget_stop.desired_state: "PAUSED" is not allowed by AWS::Pipes::Pipe DesiredState; AWS allows RUNNING, STOPPED',
      "PIPES-TARGET resource.aws_pipes_pipe.budget_stop.source_parameters.sqs_queue_parameters.batch_size: an SQS source's batch size is 1-10000, and at most 10 without maximum_batching_window_in_seconds; got 11",
      "PIPES-TARGET resource.aws_pipes_pipe.budget_stop.target_parameters.step_function_state_machine_parameters.invocation_type: the target aws_sfn_state_machine.budget_stop is a STANDARD workflow, which Pipes starts only with FIRE_AND_FORGET; got REQUEST_RESPONSE",
    ]);
    expect(
      check((doc) => {
        const n = doc.resource.aws_budgets_budget.monthly.notification;
        n[2].threshold_type = "PERCENTAGE";
        n[2].threshold = 100;
        n[2].subscriber_sns_topic_arns = ["arn:aws:sns:us-east-1:111122223333:a", "arn:aws:sns:us-east-1:111122223333:b"];
      }),
    ).toEqual([
      "BUDGET-NOTIFICATIONS resource.aws_budgets_budget.monthly.notification[2]: notification[1] already has ACTUAL GREATER_THAN 100 PERCENTAGE: Budgets tells notifications apart by these four, so it refuses the second",
      "BUDGET-NOTIFICATIONS resource.aws_budgets_budget.monthly.notification[2].subscriber_sns_topic_arns: a Budgets notification has one SNS subscriber at most; got 2",
    ]);
  });

  test("the README says what happens and that Budgets updates a few times a day; the estimate prices the key and says the stop is there", () => {
    const readme = files.get("README.md")!;
    expect(readme).toMatch(/\*\*Budget stop\*\* \(`automation.stop_channel_over_budget`\)/);
    expect(readme).toMatch(/Budgets updates its figures a few times a day, so the stop comes hours, not minutes, after the\nlimit is passed/);
    expect(readme).toMatch(/moves to the dead-letter queue\n {3}`budget_stop_dead_letter`/);
    expect(render(weekly).files.get("README.md")).not.toMatch(/Budget stop/);
    const table = loadPriceTable();
    const [withStop, without] = [asked, weekly].map(
      (def) => estimatePipelines([{ file: "x.json", definition: def, resolved: resolve(def) }], {}, table, catalog)[0],
    );
    const kms = withStop.lines.find((l) => l.item.startsWith("KMS"))!;
    expect(kms).toMatchObject({ item: "KMS customer managed keys (1)", quantity: 1, usd: 1 });
    expect(without.lines.some((l) => l.item.startsWith("KMS"))).toBe(false);
    expect(withStop.monthlyUsd - without.monthlyUsd).toBeCloseTo(1, 6);
    expect(withStop.automation).toMatchObject({ budget_stop: true });
    expect(without.automation).not.toHaveProperty("budget_stop");
  });
});
