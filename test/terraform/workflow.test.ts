/**
 * The Terraform workflow with the real terraform binary: plan/apply/status/destroy sequencing on a
 * provider-free fixture, terraform's failures passed through, a refused destroy, and an offline plan
 * of a generated example module with the real hashicorp/aws provider, summarized and priced.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../support/cli";
import { projectPath } from "../../src/core/project-paths";
import { findProviderMirror } from "../../src/terraform/mirror";
import { summarizePlan } from "../../src/terraform/plan-summary";

const fixtures = path.resolve(__dirname, "..", "..", "..", "test", "fixtures", "terraform");
const env = {
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_ACCESS_KEY_ID: "",
  AWS_SECRET_ACCESS_KEY: "",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials",
  AWS_CONFIG_FILE: "/nonexistent/config",
  AWS_PROFILE: "blackwell-test-no-such-profile",
};

function workspace(): { cwd: string; run: (args: string[]) => ReturnType<typeof runCli> } {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-workflow-"));
  fs.writeFileSync(path.join(cwd, "vars.json"), JSON.stringify({ show_name: "demo" }));
  return {
    cwd,
    run: (args) => runCli(["media", ...args, "--dir", path.join(fixtures, "definitions"), "--modules", path.join(fixtures, "modules")], { cwd, env }),
  };
}

test("plan, apply, status and destroy in sequence; apply needs a saved plan; destroy needs confirmation", () => {
  const { cwd, run } = workspace();
  expect(run(["apply", "fixture_show"]).stderr).toMatch(/no saved plan .* run blackwell media plan first/);

  const plan = run(["plan", "fixture_show", "--var-file", "vars.json", "--no-price", "--json"]);
  expect(plan.status).toBe(0);
  const planned = JSON.parse(plan.stdout);
  expect(planned.summary.total).toEqual({ add: 1, change: 0, replace: 0, destroy: 0 });
  expect(fs.existsSync(path.join(cwd, ".blackwell", "work", "fixture_show", "blackwell.tfplan"))).toBe(true);

  const again = run(["plan", "fixture_show", "--var-file", "vars.json", "--no-price"]);
  expect(again.status).toBe(0);
  expect(again.stdout).not.toMatch(/Initializing the backend/); // init only when the configuration changed

  const apply = run(["apply", "fixture_show"]);
  expect(apply.status).toBe(0);
  expect(apply.stdout).toMatch(/Apply complete! Resources: 1 added/);
  expect(fs.existsSync(path.join(cwd, ".blackwell", "work", "fixture_show", "blackwell.tfplan"))).toBe(false);

  const status = JSON.parse(run(["status", "fixture_show", "--no-live", "--json"]).stdout);
  expect(status).toMatchObject({ deployed: true, outputs: { channel_id: "demo-channel" } });

  const refused = run(["destroy", "fixture_show", "--var-file", "vars.json"]);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toMatch(/not destroyed: confirm at the prompt, or pass --yes/);
  expect(JSON.parse(run(["status", "fixture_show", "--no-live", "--json"]).stdout).deployed).toBe(true);

  const destroy = run(["destroy", "fixture_show", "--var-file", "vars.json", "--yes"]);
  expect(destroy.status).toBe(0);
  expect(destroy.stdout).toMatch(/Destroy complete! Resources: 1 destroyed/);
  expect(JSON.parse(run(["status", "fixture_show", "--no-live", "--json"]).stdout).deployed).toBe(false);
});

test("terraform's failure keeps its exit code and its own message", () => {
  const { run } = workspace();
  const r = run(["plan", "failing_show", "--no-price"]);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/Invalid value for variable/);
  expect(r.stderr).toMatch(/injected failure: channel_count must be positive/);
  expect(r.stderr).toMatch(/error: terraform plan failed with exit code 1/);
});

test("a missing or too old terraform gets a clear message", () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-noterraform-"));
  const r = runCli(["media", "plan", "fixture_show", "--dir", path.join(fixtures, "definitions"), "--modules", path.join(fixtures, "modules")], {
    cwd,
    env: { BLACKWELL_TERRAFORM: "/nonexistent/terraform" },
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/terraform not found .*install Terraform 1\.5 or newer/);
});

test("plan summaries count actions by service", () => {
  const plan = {
    resource_changes: [
      { mode: "managed", type: "aws_medialive_channel", change: { actions: ["create"] } },
      { mode: "managed", type: "aws_cloudfront_distribution", change: { actions: ["update"] } },
      { mode: "managed", type: "awscc_mediapackagev2_channel", change: { actions: ["delete", "create"] } },
      { mode: "managed", type: "aws_s3_bucket", change: { actions: ["delete"] } },
      { mode: "managed", type: "aws_iam_role", change: { actions: ["no-op"] } },
      { mode: "data", type: "aws_region", change: { actions: ["read"] } },
    ],
  };
  expect(summarizePlan(plan)).toEqual({
    total: { add: 1, change: 1, replace: 1, destroy: 1 },
    byService: {
      MediaLive: { add: 1, change: 0, replace: 0, destroy: 0 },
      CloudFront: { add: 0, change: 1, replace: 0, destroy: 0 },
      MediaPackage: { add: 0, change: 0, replace: 1, destroy: 0 },
      S3: { add: 0, change: 0, replace: 0, destroy: 1 },
    },
  });
});

const mirror = findProviderMirror();
(process.env.BLACKWELL_SKIP_TERRAFORM === "1" ? test.skip : test)(
  "offline plan of a generated example module with the real aws provider: summary by service and price",
  () => {
    if (!mirror) throw new Error("no hashicorp/aws provider mirror found; set BLACKWELL_TF_PLUGIN_MIRROR or BLACKWELL_SKIP_TERRAFORM=1");
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-offline-"));
    fs.writeFileSync(
      path.join(cwd, "studio.tfvars.json"),
      JSON.stringify({ elemental_link_input_device_id: "hd-0123456789abcdef01234567", youtube_stream_key: "test-only-key" }),
    );
    const r = runCli(
      [
        "media",
        "plan",
        "studio_live_feed",
        "--offline",
        "--var-file",
        "studio.tfvars.json",
        "--json",
        "--dir",
        projectPath("examples"),
        "--modules",
        projectPath("modules"),
      ],
      { cwd, env },
    );
    expect(r.stderr).not.toMatch(/^Error:/m);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summary.byService.MediaLive.add).toBe(2); // the Elemental Link input and the channel
    expect(out.summary.byService.CloudFront.add).toBeGreaterThanOrEqual(5);
    expect(out.summary.byService.S3.add).toBe(7);
    expect(out.summary.total.destroy).toBe(0);
    expect(out.cost.monthly_usd).toBeGreaterThan(5);
    expect(out.cost.by_service.MediaLive).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(cwd, ".blackwell", "work", "studio_live_feed", "main.tf.json"), "utf8")).not.toContain("test-only-key");
  },
);

(process.env.BLACKWELL_SKIP_TERRAFORM === "1" ? test.skip : test)(
  "offline plan of the two-region example: the working root configures aws.failover in the failover region and passes it in; both channels plan",
  () => {
    if (!mirror) throw new Error("no hashicorp/aws provider mirror found; set BLACKWELL_TF_PLUGIN_MIRROR or BLACKWELL_SKIP_TERRAFORM=1");
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-offline-two-"));
    const r = runCli(["media", "plan", "two-region-live", "--offline", "--json", "--dir", projectPath("examples"), "--modules", projectPath("modules")], {
      cwd,
      env,
    });
    expect(r.stderr).not.toMatch(/^Error:/m);
    expect(r.status).toBe(0);
    const root = JSON.parse(fs.readFileSync(path.join(cwd, ".blackwell", "work", "two-region-live", "main.tf.json"), "utf8"));
    expect(root.provider.aws.map((p: { alias?: string; region: string }) => [p.alias, p.region])).toEqual([
      [undefined, "us-east-1"],
      ["failover", "us-west-2"],
    ]);
    expect(root.provider.aws[1]).toMatchObject({ skip_credentials_validation: true, default_tags: root.provider.aws[0].default_tags });
    expect(root.module.pipeline.providers).toEqual({ aws: "aws", "aws.failover": "aws.failover" });
    // A root configures providers; configuration_aliases are the module's declaration.
    expect(JSON.stringify(root.terraform)).not.toContain("configuration_aliases");
    const out = JSON.parse(r.stdout);
    // Per region: an RTMP input, its security group and the channel.
    expect(out.summary.byService.MediaLive.add).toBe(6);
    expect(out.summary.total.destroy).toBe(0);
    expect(out.cost.monthly_usd).toBeGreaterThan(0);
  },
);
