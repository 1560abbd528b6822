/**
 * The terraform harness itself: a deliberately broken resource fails real `terraform validate`, a module
 * with every feature and the longest names validates and plans, placeholders pass the module's own
 * variable validations, and a missing provider mirror fails loudly instead of passing.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { projectPath } from "../../src/core/project-paths";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { writeModule } from "../../src/synth/module-writer";
import { renderFleetModule, renderPipelineModule as renderModule } from "../../src/synth/module-render";
import { fleetModuleSpecs } from "../../src/synth/fleet-modules";
import { loadPipelines } from "../../src/core/definitions";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { moduleFromContents } from "../../src/validity/module-files";
import {
  HarnessRun,
  MIRROR_MISSING_MESSAGE,
  checkModuleWithTerraform,
  checkModulesWithTerraform,
  errorsOf,
  placeholderFor,
  prepareHarness,
  requireProviderMirror,
} from "../../src/validity/terraform-check";
import type { Json } from "../../src/types/json";

const fixtureDir = projectPath("test", "fixtures", "validity", "minimal-module");
const skip = process.env.BLACKWELL_SKIP_TERRAFORM === "1";
const withTerraform = skip ? describe.skip : describe;

/** A scratch copy of the fixture module with `change` applied to one of its files. */
function fixtureCopy(file: string, change: (doc: Json) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-fixture-"));
  fs.cpSync(fixtureDir, dir, { recursive: true });
  const doc = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  change(doc);
  fs.writeFileSync(path.join(dir, file), JSON.stringify(doc));
  return dir;
}

test("a missing provider mirror fails loudly, and only BLACKWELL_SKIP_TERRAFORM=1 turns that into a skip", () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-no-mirror-"));
  expect(() => requireProviderMirror({ BLACKWELL_TF_PLUGIN_MIRROR: empty })).toThrow(MIRROR_MISSING_MESSAGE);
  expect(requireProviderMirror({ BLACKWELL_TF_PLUGIN_MIRROR: empty, BLACKWELL_SKIP_TERRAFORM: "1" })).toBeUndefined();
});

test("placeholders respect the variable's type and validation regex", () => {
  expect(
    placeholderFor("studio_link_input_device_id", {
      type: "string",
      validation: [{ condition: '${can(regex("^hd-[a-z0-9]+$", var.studio_link_input_device_id))}' }],
    }),
  ).toMatch(/^hd-[a-z0-9]+$/);
  expect(placeholderFor("rtmp_allowed_cidrs", { type: "list(string)" })).toEqual(["203.0.113.0/24"]);
  expect(placeholderFor("cloudfront_public_key_pem", { type: "string" })).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
  expect(placeholderFor("some_code", { type: "string", validation: [{ condition: '${can(regex("^[a-z][0-9]$", var.some_code))}' }] })).toBe("a1");
  expect(placeholderFor("count_of_things", { type: "number" })).toBe(1);
});

test("the harness copy has no awscc resource or reference left, and has a stand-in for each referenced awscc attribute", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-harness-"));
  const { stubs } = prepareHarness([{ name: "fixture", dir: fixtureDir, region: "eu-west-1" }], work);
  expect(stubs.fixture.sort()).toEqual(["stub_mediapackagev2_channel_main_arn", "stub_mediapackagev2_channel_main_ingest_endpoint_urls"]);
  const copy = path.join(work, "modules", "fixture");
  const text = fs
    .readdirSync(copy)
    .map((f) => fs.readFileSync(path.join(copy, f), "utf8"))
    .join("\n");
  expect(text).not.toMatch(/awscc_[a-z0-9_]+\.[a-z0-9_]+/);
  expect(text).not.toMatch(/"awscc"/);
  const root = JSON.parse(fs.readFileSync(path.join(work, "main.tf.json"), "utf8"));
  expect(root.provider.aws).toEqual([
    expect.objectContaining({
      alias: "eu_west_1",
      region: "eu-west-1",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
    }),
  ]);
  expect(root.module.fixture).toMatchObject({ source: "./modules/fixture", providers: { aws: "aws.eu_west_1" }, rtmp_allowed_cidrs: ["203.0.113.0/24"] });
});

test("a reference the awscc stub cannot replace stops the harness with a clear message, not a confusing terraform error", () => {
  const dir = fixtureCopy("medialive.tf.json", (doc) => doc.resource.aws_medialive_channel.main.depends_on.push("awscc_mediapackagev2_channel.main"));
  expect(() => prepareHarness([{ name: "fixture", dir, region: "eu-west-1" }], fs.mkdtempSync(path.join(os.tmpdir(), "bmf-harness-")))).toThrow(
    /awscc stub .* left references to awscc resources .*medialive\.tf\.json: awscc_mediapackagev2_channel\.main/,
  );
});

/**
 * Terraform's start-up (init, loading the aws provider's schema) is most of a check's time, so the negative cases
 * share one root: the intact fixture beside one broken copy per case, each error attributed to its own module.
 */
let negativeRoot: Promise<HarnessRun> | undefined;
function brokenCopiesInOneRoot(): Promise<HarnessRun> {
  negativeRoot ??= checkModulesWithTerraform(
    [
      { name: "intact", dir: fixtureDir, region: "eu-west-1" },
      {
        name: "bad_role_arn",
        dir: fixtureCopy("medialive.tf.json", (doc) => (doc.resource.aws_medialive_channel.main.role_arn = "arn:aws:iam::not-an-account:role")),
        region: "us-west-2",
      },
      {
        name: "bad_input_type",
        dir: fixtureCopy("medialive.tf.json", (doc) => (doc.resource.aws_medialive_input.rtmp.type = "RTMP_PUSHED")),
        region: "eu-west-1",
      },
    ],
    { mirror: requireProviderMirror()!, plan: true },
  );
  return negativeRoot;
}
const errorsIn = (run: HarnessRun, name: string) => run.modules.find((m) => m.name === name)!.errors.join("\n");

withTerraform("real terraform on the hand-written fixture", () => {
  test("the fixture validates and plans", async () => {
    const check = await checkModuleWithTerraform({ name: "fixture", dir: fixtureDir, region: "eu-west-1" }, { mirror: requireProviderMirror()!, plan: true });
    expect(errorsOf(check)).toEqual([]);
    expect(check.plan!.toCreate).toContain("module.fixture.aws_medialive_channel.main");
  });

  test("NEGATIVE: a malformed role ARN on the MediaLive channel is rejected by the provider's validate", async () => {
    const run = await brokenCopiesInOneRoot();
    expect(run.validate!.valid).toBe(false);
    expect(errorsIn(run, "bad_role_arn")).toMatch(/aws_medialive_channel\.main.*(role_arn|ARN)/is);
  });

  test("NEGATIVE: in a shared root, the broken module gets the error and the intact one does not", async () => {
    const run = await brokenCopiesInOneRoot();
    expect(run.ok).toBe(false);
    expect(run.plan).toBeUndefined(); // no plan after a failed validate
    expect(run.modules.map((m) => ({ name: m.name, failed: m.errors.length > 0 }))).toEqual([
      { name: "intact", failed: false },
      { name: "bad_role_arn", failed: true },
      { name: "bad_input_type", failed: true },
    ]);
    // each broken copy gets its own error only
    expect(errorsIn(run, "bad_role_arn")).not.toMatch(/RTMP_PUSHED/);
    expect(errorsIn(run, "bad_input_type")).not.toMatch(/role_arn|not-an-account/);
  });

  test("NEGATIVE: an input type the provider does not know is rejected", async () => {
    const run = await brokenCopiesInOneRoot();
    expect(errorsIn(run, "bad_input_type")).toMatch(/RTMP_PUSHED|expected type to be one of/);
  });
});

/** The longest pipeline id with every feature on: every generated name must still fit AWS's limits. */
function longestNamesModule() {
  const definition = {
    pipeline_id: "a-pipeline-id-of-28-chars-xy",
    pipeline_type: "hybrid",
    sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }, "elemental_link"],
    transcode_profiles: ["abr_1080p", "audio_only"],
    outputs: [
      "cloudfront",
      "youtube",
      { type: "rtmp", url: "rtmps://live.example.com:443/app", backup_url: "rtmps://backup.example.com:443/app" },
      "s3_archive",
    ],
    access: "private",
    region: "eu-central-1",
    tier: "enterprise",
    vod: { sidecar_captions: { format: "scc", language_code: "eng", name: "English" } },
    captions: {
      languages: [
        { channel: 1, language_code: "eng", name: "English" },
        { channel: 2, language_code: "spa", name: "Español" },
      ],
    },
    drm: {
      key_server_url: "https://speke.example.com/v2/keys",
      role_arn: "arn:aws:iam::111122223333:role/speke-access",
      certificate_arn: "arn:aws:acm:eu-central-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
      key_rotation_interval_seconds: 300,
      systems: { hls: ["clear_key_aes_128"], dash: ["widevine", "playready"], cmaf: ["fairplay", "widevine", "playready"] },
      license_urls: {
        widevine: "https://license.example.com/wv",
        playready: "https://license.example.com/pr",
        fairplay: "https://license.example.com/fp",
        fairplay_certificate: "https://license.example.com/fp.cer",
      },
    },
    events: {
      client_id: "acme",
      live_status: true,
      targets: [
        { kind: "event_bus", name: "platform_bus_other_acct1", event_bus_arn: "arn:aws:events:eu-central-1:444455556666:event-bus/platform" },
        { kind: "webhook", name: "shop_webhook_api_key_aut", url: "https://shop.example.com/hooks", auth: { type: "api_key" }, rate_limit_per_second: 300 },
        { kind: "webhook", name: "crm", url: "https://crm.example.com/in", auth: { type: "basic", username: "u" } },
        {
          kind: "webhook",
          name: "cms",
          url: "https://cms.example.com/in",
          auth: { type: "oauth_client_credentials", token_url: "https://auth.example.com/token", client_id: "c", scope: "events" },
        },
      ],
    },
    automation: {
      scale_down_after_hours: 24,
      max_cost_per_month: 999999,
      stop_channel_over_budget: true,
      archive_after_days: 30,
      archive_storage_class: "DEEP_ARCHIVE",
      schedule: {
        timezone: "America/Argentina/Buenos_Aires",
        start_lead_minutes: 60,
        weekly: [{ days: ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"], start: "00:30", end: "24:00" }],
        events: [{ name: "an-event-name-of-forty-one-characters-xyz", start: "2027-02-28T23:30", end: "2027-03-01T01:00" }],
        cron: [{ name: "a-cron-window-name-of-forty-one-character", start: "cron(55 8 ? JAN-NOV MON#1 2027-2199)", stop: "cron(0/30 12 L * ? *)" }],
      },
      notify: { emails: ["ops@example.com"], sns_topic_arn: "arn:aws:sns:eu-central-1:111122223333:budget-alerts" },
    },
  };
  const resolved = resolvePipeline(definition as never, loadCatalog());
  const rendered = renderModule(resolved);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-longest-"));
  return { name: resolved.pipeline_id, dir: writeModule(rendered, dir), region: resolved.region, files: rendered.files };
}

describe("a module with every feature and the longest names", () => {
  const longest = longestNamesModule();

  test("passes every validity rule", () => {
    expect(formatFindings(checkModuleFiles(moduleFromContents(longest.files)).findings)).toBe("");
  });

  (skip ? test.skip : test)("validates and plans with real terraform", async () => {
    const check = await checkModuleWithTerraform(longest, { mirror: requireProviderMirror()!, plan: true });
    expect(errorsOf(check)).toEqual([]);
    expect(check.ok).toBe(true);
  });
});

/** Viewer analytics (issue 18) with the longest name prefix: log delivery, Glue table, Athena workgroup and named queries. */
describe("a module with viewer analytics (CloudFront standard logging v2, Glue, Athena)", () => {
  const resolved = resolvePipeline(
    {
      pipeline_id: "a-pipeline-id-of-28-chars-xy",
      pipeline_type: "hybrid",
      sources: ["rtmp"],
      transcode_profiles: ["abr_1080p"],
      outputs: ["cloudfront", "s3_archive"],
      region: "us-east-1",
      tier: "enterprise",
      tags: { Creator: "creator1" },
      analytics: { viewer_logs: true, log_retention_days: 30 },
    } as never,
    loadCatalog(),
  );
  const rendered = renderModule(resolved);
  const viewers = { name: "viewer_analytics", dir: writeModule(rendered, fs.mkdtempSync(path.join(os.tmpdir(), "bmf-viewers-"))), region: resolved.region };

  test("passes every validity rule (CF-LOG-FIELDS, CW-DASHBOARD-METRICS among them)", () => {
    expect(rendered.files.has("analytics.tf.json")).toBe(true);
    expect(formatFindings(checkModuleFiles(moduleFromContents(rendered.files)).findings)).toBe("");
  });

  (skip ? test.skip : test)("validates and plans with real terraform", async () => {
    const check = await checkModuleWithTerraform(viewers, { mirror: requireProviderMirror()!, plan: true });
    expect(errorsOf(check)).toEqual([]);
    const planned = check.plan!.toCreate.filter((a) => /log_delivery|glue|athena|dashboard/.test(a)).map((a) => a.replace(/^module\.[a-z_]+\./, ""));
    expect(planned.sort()).toEqual([
      "aws_athena_named_query.concurrent_viewers",
      "aws_athena_named_query.top_countries",
      "aws_athena_named_query.watch_time_per_stream",
      "aws_athena_workgroup.viewers",
      "aws_cloudwatch_dashboard.main",
      "aws_cloudwatch_log_delivery.cloudfront_to_viewer_logs",
      "aws_cloudwatch_log_delivery_destination.viewer_logs",
      "aws_cloudwatch_log_delivery_source.cloudfront_access_logs",
      "aws_glue_catalog_database.viewers",
      "aws_glue_catalog_table.cloudfront_logs",
    ]);
  });
});

/**
 * Viewer logs outside us-east-1 (issue 18): CloudFront's delivery source, and so its destination and delivery, are
 * created through aws.us_east_1 while the logs bucket stays in the pipeline's region (eu-west-1).
 */
describe("a module with viewer analytics outside us-east-1 (delivery through aws.us_east_1)", () => {
  const resolved = resolvePipeline(
    {
      pipeline_id: "viewers-eu",
      pipeline_type: "live_stream",
      sources: ["rtmp"],
      transcode_profiles: ["abr_1080p"],
      outputs: ["cloudfront"],
      region: "eu-west-1",
      tier: "standard",
      analytics: { viewer_logs: true },
    } as never,
    loadCatalog(),
  );
  const rendered = renderModule(resolved);
  const module = { name: "viewers_eu", dir: writeModule(rendered, fs.mkdtempSync(path.join(os.tmpdir(), "bmf-viewers-eu-"))), region: resolved.region };

  (skip ? test.skip : test)("validates and plans with real terraform, the delivery resources in us-east-1's configuration", async () => {
    const check = await checkModulesWithTerraform([module], { mirror: requireProviderMirror()!, plan: true });
    expect(check.modules.flatMap((m) => m.errors)).toEqual([]);
    expect(check.ok).toBe(true);
    // The harness root configures one aws provider per region (aws.eu_west_1, aws.us_east_1); the plan says which each resource used.
    const calls = (check.planJson as Json).configuration.root_module.module_calls as Record<string, Json>;
    const resources = calls[module.name].module.resources as Array<{ address: string; provider_config_key: string }>;
    const byProvider = (key: RegExp) =>
      resources
        .filter((r) => key.test(r.provider_config_key))
        .map((r) => r.address)
        .filter((a) => /log_delivery|^aws_s3_bucket\.viewer_logs$/.test(a))
        .sort();
    expect(byProvider(/us_east_1$/)).toEqual([
      "aws_cloudwatch_log_delivery.cloudfront_to_viewer_logs",
      "aws_cloudwatch_log_delivery_destination.viewer_logs",
      "aws_cloudwatch_log_delivery_source.cloudfront_access_logs",
    ]);
    expect(byProvider(/eu_west_1$/)).toEqual(["aws_s3_bucket.viewer_logs"]);
  });
});

/**
 * A template's fleet dashboard (issue 18): the module validates and plans with the creators' entries given (ids that
 * start with a digit or hold a hyphen included: the body reads them through locals), and a missing creator is refused
 * by the module's own validation.
 */
describe("a template's fleet dashboard module", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-fleet-template-"));
  const template = JSON.parse(fs.readFileSync(projectPath("examples", "creator-channel.template.json"), "utf8"));
  fs.writeFileSync(
    path.join(dir, "fleet.template.json"),
    JSON.stringify({
      ...template,
      $schema: undefined,
      template_id: "fleet-test",
      creators: ["2nd-creator", { id: "solo", overrides: { tier: "development" } }],
    }),
  );
  const [spec] = fleetModuleSpecs(loadPipelines([dir]).pipelines);
  const rendered = renderFleetModule(spec);
  const moduleDir = writeModule(rendered, fs.mkdtempSync(path.join(os.tmpdir(), "bmf-fleet-")));
  const creators = {
    "2nd-creator": { channel_id: "1234567", distribution_id: "E2EXAMPLE0001" },
    solo: { channel_id: "7654321", distribution_id: "E2EXAMPLE0002" },
  };

  test("passes every validity rule (CW-DASHBOARD-METRICS among them)", () => {
    expect(formatFindings(checkModuleFiles(moduleFromContents(rendered.files)).findings)).toBe("");
  });

  (skip ? test.skip : test)("validates and plans with real terraform; without a creator's entry the module's validation refuses", async () => {
    const good = { name: "fleet_ok", dir: moduleDir, region: "us-west-2", inputs: { creators } };
    const missing = { name: "fleet_missing", dir: moduleDir, region: "us-west-2", inputs: { creators: { solo: creators.solo } } };
    const ok = await checkModulesWithTerraform([good], { mirror: requireProviderMirror()!, plan: true });
    expect(ok.modules.flatMap((m) => m.errors)).toEqual([]);
    expect(ok.plan!.toCreate).toEqual(["module.fleet_ok.aws_cloudwatch_dashboard.fleet"]);
    // The planned body has each creator's ids where its row reads them.
    const planned = (ok.planJson as Json).planned_values.root_module.child_modules[0].resources[0].values;
    const body = JSON.parse(planned.dashboard_body);
    expect(planned.dashboard_name).toBe("fleet-test-fleet");
    expect(body.widgets.filter((w: Json) => w.properties.title === "solo: viewer requests")[0].properties.metrics[0]).toEqual([
      "AWS/CloudFront",
      "Requests",
      "DistributionId",
      "E2EXAMPLE0002",
      "Region",
      "Global",
      { stat: "Sum", label: "requests" },
    ]);
    const refused = await checkModulesWithTerraform([missing], { mirror: requireProviderMirror()!, plan: true });
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).toMatch(/creators needs an entry for each creator of template fleet-test: 2nd-creator, solo/);
  });
});
