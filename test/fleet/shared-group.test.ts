/**
 * Creators of a template share one MediaPackage v2 channel group: the template's shared module owns
 * it, each creator module takes its name and egress domain as inputs, and the shared root's outputs
 * reach the creators' working roots (proved with the real terraform on a provider-free stand-in).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { UserError } from "../../src/core/problems";
import { renderModulesFor } from "../../src/synth/module-render";
import { SHARED_VARS_FILE, provideSharedInputs, reviewPlanInputs } from "../../src/fleet/shared-group";
import { prepareWorkingRoot } from "../../src/terraform/working-root";
import { findProviderMirror } from "../../src/terraform/mirror";
import { runCli } from "../support/cli";
import { applyRoot, planRoot } from "../../src/terraform/workflow";

const templateFile = projectPath("examples", "creator-channel.template.json");
const template = JSON.parse(fs.readFileSync(templateFile, "utf8"));
const creators = loadPipelines([templateFile]).pipelines;
const modules = new Map(renderModulesFor(creators.map((c) => c.resolved)).map((m) => [m.pipelineId, m]));
const doc = (id: string, file: string) => JSON.parse(modules.get(id)!.files.get(file)!);

function writeTemplate(changes: (t: typeof template) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-template-"));
  const t = JSON.parse(JSON.stringify(template));
  changes(t);
  const file = path.join(dir, "t.template.json");
  fs.writeFileSync(file, JSON.stringify(t));
  return file;
}

function loadError(file: string): UserError {
  try {
    loadPipelines([file]);
  } catch (err) {
    return err as UserError;
  }
  throw new Error("expected the template to be refused");
}

test("one shared module owns the group; creator modules create none and take it as inputs", () => {
  expect([...modules.keys()].sort()).toEqual(["creator-channel-creator1", "creator-channel-creator2", "creator-channel-creator3", "creator-channel-shared"]);
  const shared = doc("creator-channel-shared", "mediapackage.tf.json").resource;
  expect(Object.keys(shared)).toEqual(["aws_media_packagev2_channel_group"]);
  expect(shared.aws_media_packagev2_channel_group.shared.name).toBe("${var.name_prefix}");
  expect(Object.keys(doc("creator-channel-shared", "outputs.tf.json").output).sort()).toEqual(["channel_group_arn", "channel_group_name", "egress_domain"]);
  expect(doc("creator-channel-shared", "variables.tf.json").variable.name_prefix.default).toBe("creator-channel");

  for (const id of ["creator-channel-creator1", "creator-channel-creator2", "creator-channel-creator3"]) {
    const mp = doc(id, "mediapackage.tf.json").resource;
    expect(mp.aws_media_packagev2_channel_group).toBeUndefined();
    // Channel names are unique within the group: each creator's channel is named by its own prefix.
    expect(mp.awscc_mediapackagev2_channel.main).toMatchObject({
      channel_group_name: "${var.mediapackage_channel_group_name}",
      channel_name: "${var.name_prefix}",
    });
    const vars = doc(id, "variables.tf.json").variable;
    expect(vars.mediapackage_channel_group_name.default).toBeUndefined();
    expect(vars.mediapackage_egress_domain.default).toBeUndefined();
    const origin = doc(id, "cloudfront.tf.json").resource.aws_cloudfront_distribution.main.origin.find(
      (o: { origin_id: string }) => o.origin_id === "mediapackage",
    );
    expect(origin.domain_name).toBe("${var.mediapackage_egress_domain}");
    expect(doc(id, "main.tf.json").locals.hls_playback_url).toContain("/out/v1/${var.mediapackage_channel_group_name}/${var.name_prefix}/hls/index.m3u8");
  }
});

test("the egress domain input accepts AWS's shape and refuses anything else", () => {
  const condition = doc("creator-channel-creator1", "variables.tf.json").variable.mediapackage_egress_domain.validation[0].condition as string;
  const pattern = new RegExp(JSON.parse(/regex\(("(?:[^"\\]|\\.)*")/.exec(condition)![1]));
  expect(pattern.test("abcde.egress.xyz12.mediapackagev2.us-west-2.amazonaws.com")).toBe(true);
  expect(pattern.test(reviewPlanInputs(creators[0].resolved).mediapackage_egress_domain)).toBe(true);
  expect(pattern.test("evil.example.com")).toBe(false);
  expect(pattern.test("https://abcde.egress.xyz.mediapackagev2.us-west-2.amazonaws.com")).toBe(false);
});

test("shared: false gives every creator its own group and no shared module", () => {
  const file = writeTemplate((t) => (t.shared = { channel_group: false }));
  const own = loadPipelines([file]).pipelines;
  const rendered = renderModulesFor(own.map((p) => p.resolved));
  expect(rendered.map((m) => m.pipelineId).sort()).toEqual(["creator-channel-creator1", "creator-channel-creator2", "creator-channel-creator3"]);
  expect(JSON.parse(rendered[0].files.get("mediapackage.tf.json")!).resource.aws_media_packagev2_channel_group).toBeDefined();
});

test("a creator in another region than the shared group is refused where the region is written", () => {
  const err = loadError(writeTemplate((t) => (t.creators[2].overrides.region = "eu-west-1")));
  expect(err.problems.map((p) => [p.path, p.rule])).toEqual([["$.creators[2].overrides.region", "BMF-SHARED-REGION"]]);
  expect(err.problems[0].message).toMatch(/creator3.*eu-west-1.*us-west-2/);
});

test("a creator named 'shared' would collide with the shared module and is refused", () => {
  const err = loadError(writeTemplate((t) => t.creators.push("shared")));
  expect(err.problems.map((p) => [p.path, p.rule])).toEqual([["$.creators[3]", "BMF-DUPLICATE-ID"]]);
  expect(err.problems[0].message).toContain("creator-channel-shared");
});

(process.env.BLACKWELL_SKIP_TERRAFORM === "1" ? test.skip : test)(
  "an applied shared root's outputs become a creator root's inputs; without them the creator is refused",
  async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-shared-"));
    // A provider-free stand-in for the shared module with the same outputs.
    const sharedModule = path.join(work, "shared-module");
    fs.mkdirSync(sharedModule);
    fs.writeFileSync(
      path.join(sharedModule, "main.tf.json"),
      JSON.stringify({
        resource: { terraform_data: { group: { input: "creator-channel" } } },
        output: {
          channel_group_name: { value: "${terraform_data.group.output}" },
          egress_domain: { value: "abcde.egress.fixture.mediapackagev2.us-west-2.amazonaws.com" },
        },
      }),
    );
    const creator = creators.find((c) => c.template!.creator === "creator1")!.resolved;
    const creatorRoot = { dir: path.join(work, "roots", creator.pipeline_id), env: process.env };
    fs.mkdirSync(creatorRoot.dir, { recursive: true });

    expect(() => provideSharedInputs(creator, creatorRoot, { workDir: path.join(work, "roots"), offline: false })).toThrow(
      /creator-channel-shared, which is not applied yet.*deploy-template creator-channel --creators creator1/,
    );
    provideSharedInputs(creator, creatorRoot, { workDir: path.join(work, "roots"), offline: true });
    expect(JSON.parse(fs.readFileSync(path.join(creatorRoot.dir, SHARED_VARS_FILE), "utf8"))).toEqual(reviewPlanInputs(creator));

    const sharedRoot = prepareWorkingRoot({
      pipelineId: "creator-channel-shared",
      moduleDir: sharedModule,
      region: "us-west-2",
      workDir: path.join(work, "roots"),
    });
    await planRoot(sharedRoot, { json: true });
    await applyRoot(sharedRoot);
    provideSharedInputs(creator, creatorRoot, { workDir: path.join(work, "roots"), offline: false });
    expect(JSON.parse(fs.readFileSync(path.join(creatorRoot.dir, SHARED_VARS_FILE), "utf8"))).toEqual({
      mediapackage_channel_group_name: "creator-channel",
      mediapackage_egress_domain: "abcde.egress.fixture.mediapackagev2.us-west-2.amazonaws.com",
    });
  },
);

(process.env.BLACKWELL_SKIP_TERRAFORM === "1" ? test.skip : test)(
  "deploy-template --offline plans the shared module, then every creator against it, with the real aws provider; a failed creator is resumed",
  () => {
    if (!findProviderMirror()) throw new Error("no hashicorp/aws provider mirror found; set BLACKWELL_TF_PLUGIN_MIRROR or BLACKWELL_SKIP_TERRAFORM=1");
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-deploy-template-"));
    fs.mkdirSync(path.join(cwd, "vars"));
    const writeVars = (creator: string, cidr: string) =>
      fs.writeFileSync(
        path.join(cwd, "vars", `creator-channel-${creator}.tfvars.json`),
        JSON.stringify({ rtmp_allowed_cidrs: [cidr], ...(creator === "creator3" ? {} : { youtube_stream_key: "test-only-key" }) }),
      );
    writeVars("creator1", "203.0.113.0/24");
    writeVars("creator2", "not-a-cidr"); // the injected failure: terraform's variable validation refuses it
    writeVars("creator3", "203.0.113.0/24");
    const deploy = (...extra: string[]) =>
      runCli(
        [
          "media",
          "deploy-template",
          "creator-channel",
          "--dir",
          projectPath("examples"),
          "--modules",
          "modules",
          "--var-file-dir",
          "vars",
          "--batch",
          "--offline",
          ...extra,
        ],
        { cwd, env: { AWS_PROFILE: "blackwell-test-no-such-profile", AWS_EC2_METADATA_DISABLED: "true" } },
      );

    // Not a terminal: plain progress lines, then the result table; one failure does not stop the others.
    const first = deploy();
    expect(first.status).toBe(1);
    expect(first.stderr).toMatch(/note: creator-channel-shared is not applied yet: creators are planned against/);
    const lines = first.stderr.match(/^\[\d\/3\] creator\d: (succeeded|failed)/gm) ?? [];
    expect(lines.map((l) => l.slice(0, 5))).toEqual(["[1/3]", "[2/3]", "[3/3]"]);
    expect(first.stderr).toMatch(/^\[\d\/3\] creator2: failed \(terraform plan failed with exit code 1\)$/m);
    expect(first.stderr).toMatch(/rtmp_allowed_cidrs must be a list of IPv4 CIDR blocks/); // terraform's own words stream through
    expect(first.stderr).toMatch(/1 of 3 creators failed \(creator2\); fix and rerun: succeeded creators are skipped/);
    const table = first.stdout
      .split("\n")
      .filter((l) => /^creator\d/.test(l))
      .map((l) => l.split(/\s{2,}/).slice(0, 3));
    expect(table).toEqual([
      ["creator1", "creator-channel-creator1", "succeeded"],
      ["creator2", "creator-channel-creator2", "failed"],
      ["creator3", "creator-channel-creator3", "succeeded"],
    ]);

    // Fixed and rerun: only creator2 is planned again.
    writeVars("creator2", "198.51.100.0/24");
    const rerun = deploy("--json");
    expect(rerun.stderr).not.toMatch(/^Error:/m);
    expect(rerun.status).toBe(0);
    const out = JSON.parse(rerun.stdout);
    expect(out.shared).toMatchObject({ module_id: "creator-channel-shared", status: "planned", review_inputs: true });
    expect(out.results.map((x: { creator: string; status: string }) => [x.creator, x.status])).toEqual([
      ["creator1", "skipped"],
      ["creator2", "succeeded"],
      ["creator3", "skipped"],
    ]);
    // Every creator was synthesized, so the template's fleet dashboard module is written too.
    expect(fs.readdirSync(path.join(cwd, "modules")).sort()).toEqual([
      "creator-channel-creator1",
      "creator-channel-creator2",
      "creator-channel-creator3",
      "creator-channel-fleet",
      "creator-channel-shared",
    ]);
    for (const c of ["creator1", "creator2", "creator3"])
      expect(
        JSON.parse(fs.readFileSync(path.join(cwd, ".blackwell", "work", `creator-channel-${c}`, SHARED_VARS_FILE), "utf8")).mediapackage_channel_group_name,
      ).toBe("creator-channel");
    expect(fs.existsSync(path.join(cwd, ".blackwell", "work", "creator-channel-shared", "blackwell.tfplan"))).toBe(true);
    // Review runs keep their own record: the apply that follows a review skips nobody.
    expect(fs.readdirSync(path.join(cwd, ".blackwell", "fleet"))).toEqual(["creator-channel.review.json"]);

    // A changed input is a reason to run a creator again, even after it succeeded.
    writeVars("creator3", "192.0.2.0/24");
    const changed = JSON.parse(deploy("--json").stdout);
    expect(changed.results.map((x: { creator: string; status: string }) => [x.creator, x.status])).toEqual([
      ["creator1", "skipped"],
      ["creator2", "skipped"],
      ["creator3", "succeeded"],
    ]);
  },
);

(process.env.BLACKWELL_SKIP_TERRAFORM === "1" ? test.skip : test)(
  "the shared module is a target of its own for plan; a creator planned alone before it is applied is told how to proceed",
  () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-shared-plan-"));
    const where = ["--dir", projectPath("examples"), "--modules", projectPath("modules")];
    const plan = runCli(["media", "plan", "creator-channel-shared", "--offline", "--json", ...where], {
      cwd,
      env: { AWS_PROFILE: "blackwell-test-no-such-profile" },
    });
    expect(plan.status).toBe(0);
    const out = JSON.parse(plan.stdout);
    expect(out).toMatchObject({
      pipeline_id: "creator-channel-shared",
      summary: { total: { add: 2, change: 0, destroy: 0 }, byService: { MediaPackage: { add: 1 } } },
    }); // the group and MediaLive's log group
    const alone = runCli(["media", "plan", "creator-channel-creator1", ...where], { cwd });
    expect(alone.status).toBe(1);
    expect(alone.stderr).toMatch(/creator-channel-shared, which is not applied yet: run blackwell media deploy-template creator-channel --creators creator1/);
  },
);
