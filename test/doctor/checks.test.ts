/**
 * doctor: each check's pass/warn/fail and fix, Service Quotas mocked (aws-sdk-client-mock) against what the
 * definitions need per region, leftovers of interrupted runs, plan files others can read, and the CLI
 * (media doctor, doctor --media-check) exiting 1 when a check fails.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { mockClient } from "aws-sdk-client-mock";
import { ListServiceQuotasCommand, ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { checkAwsCredentials, checkLeftovers, checkNode, checkPlanFiles, checkProvider, checkQuotas } from "../../src/doctor/checks";
import { findPipeline, loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { runCli } from "../support/cli";

const sq = mockClient(ServiceQuotasClient);
afterEach(() => sq.reset());
afterAll(() => sq.restore());
const client = () => new ServiceQuotasClient({ region: "us-east-1" });

test("node and provider checks", async () => {
  expect(checkNode("22.1.0").status).toBe("pass");
  expect(checkNode("18.19.0")).toMatchObject({ status: "fail", fix: expect.stringMatching(/install Node.js 20 or newer/) });
  const noMirror = { BLACKWELL_TF_PLUGIN_MIRROR: path.join(os.tmpdir(), "no-such-mirror"), PATH: "" };
  // Without a mirror anywhere the check asks the registry; answered here by the test.
  const found = await checkProvider({ ...noMirror }, () => Promise.resolve(true));
  expect(["pass", "warn"]).toContain(found.status); // pass when the machine has a mirror under /opt or /usr/share
  if (found.status === "warn") {
    expect(found.message).toMatch(/registry.terraform.io \(reachable\)/);
    expect((await checkProvider(noMirror, () => Promise.resolve(false))).status).toBe("fail");
  }
});

test("AWS credentials: found, found without a region, missing", async () => {
  expect(await checkAwsCredentials(() => Promise.resolve({ region: "us-east-1", accessKeyId: "AKIAEXAMPLE1234" }))).toEqual({
    id: "aws",
    status: "pass",
    message: "AWS credentials (AKIA...34), region us-east-1",
  });
  expect((await checkAwsCredentials(() => Promise.resolve({ accessKeyId: "AKIAEXAMPLE1234" }))).status).toBe("warn");
  const missing = await checkAwsCredentials(() =>
    Promise.reject(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" })),
  );
  expect(missing).toMatchObject({
    status: "warn",
    message: expect.stringMatching(/^no AWS credentials found/),
    fix: expect.stringMatching(/aws configure or aws sso login/),
  });
});

test("quotas: the definitions' channels and channel groups per region against Service Quotas", async () => {
  const { pipelines } = loadPipelines([projectPath("examples")]);
  const live = pipelines.filter((p) => p.resolved.live && p.resolved.region === "us-east-1");
  const groups = new Set(live.map((p) => p.resolved.shared_channel_group?.module_id ?? p.resolved.pipeline_id)).size;
  expect(live.length).toBeGreaterThan(1);
  sq.on(ListServiceQuotasCommand, { ServiceCode: "medialive" }).resolves({
    Quotas: [
      { QuotaName: "Channels", QuotaCode: "L-D1AFAF75", Value: live.length - 1 },
      { QuotaName: "Push inputs", QuotaCode: "L-1", Value: 100 },
    ],
  });
  sq.on(ListServiceQuotasCommand, { ServiceCode: "mediapackagev2" })
    .resolvesOnce({ Quotas: [{ QuotaName: "Maximum channels", QuotaCode: "L-2", Value: 10 }], NextToken: "t" })
    .resolves({ Quotas: [{ QuotaName: "Channel groups", QuotaCode: "L-3", Value: groups }] });
  const results = await checkQuotas(pipelines, client);
  const channels = results.find((r) => r.id === "quota:medialive:us-east-1")!;
  expect(channels).toMatchObject({
    status: "fail",
    message: `MediaLive channels in us-east-1: the definitions need ${live.length}, the quota (L-D1AFAF75) is ${live.length - 1}`,
    fix: expect.stringMatching(/request an increase of L-D1AFAF75/),
  });
  // The channel-group quota was on the second page of ListServiceQuotas; the need fits it exactly.
  expect(results.find((r) => r.id === "quota:mediapackagev2:us-east-1")).toMatchObject({
    status: "pass",
    message: `MediaPackage v2 channel groups in us-east-1: the definitions need ${groups} of ${groups} (L-3; channels you already run count too)`,
  });

  sq.reset();
  sq.on(ListServiceQuotasCommand).resolves({
    Quotas: [
      { QuotaName: "Channels", QuotaCode: "L-D1AFAF75", Value: 100 },
      { QuotaName: "Channel groups", QuotaCode: "L-3", Value: 100 },
    ],
  });
  const studio = findPipeline("studio_live_feed", [projectPath("examples")]);
  expect((await checkQuotas([studio], client)).map((r) => r.status)).toEqual(["pass", "pass"]);

  sq.reset();
  sq.on(ListServiceQuotasCommand).rejects(
    Object.assign(new Error("User is not authorized to perform: servicequotas:ListServiceQuotas"), {
      name: "AccessDeniedException",
      $metadata: { httpStatusCode: 400 },
    }),
  );
  const denied = await checkQuotas([studio], client);
  expect(denied[0]).toMatchObject({ status: "warn", message: expect.stringMatching(/quotas not read: AWS denied the request \(AccessDeniedException\)/) });

  sq.reset();
  sq.on(ListServiceQuotasCommand).resolves({ Quotas: [] });
  expect((await checkQuotas([studio], client))[0]).toMatchObject({
    status: "warn",
    message: "MediaLive channels in us-east-1: no such quota listed for medialive",
  });
});

test("quotas: a failover region counts the second channel and its channel group there, asked of that region's Service Quotas", async () => {
  const twoRegion = findPipeline("two-region-live", [projectPath("examples")]);
  expect(twoRegion.resolved).toMatchObject({ region: "us-east-1", failover_region: "us-west-2" });
  const asked: string[] = [];
  const quotasIn = (region: string) => {
    asked.push(region);
    return client();
  };
  sq.on(ListServiceQuotasCommand).resolves({
    Quotas: [
      { QuotaName: "Channels", QuotaCode: "L-D1AFAF75", Value: 1 },
      { QuotaName: "Channel groups", QuotaCode: "L-3", Value: 1 },
    ],
  });
  const results = await checkQuotas([twoRegion], quotasIn);
  expect(results.map((r) => [r.id, r.status])).toEqual([
    ["quota:medialive:us-east-1", "pass"],
    ["quota:mediapackagev2:us-east-1", "pass"],
    ["quota:medialive:us-west-2", "pass"],
    ["quota:mediapackagev2:us-west-2", "pass"],
  ]);
  expect(new Set(asked)).toEqual(new Set(["us-east-1", "us-west-2"]));
  expect(results[2].message).toBe(
    "MediaLive channels in us-west-2: the definitions need 1 (1 for failover of two-region-live) of 1 (L-D1AFAF75; channels you already run count too)",
  );
  expect(results[0].message).not.toContain("failover");

  // A pipeline of us-west-2 beside the failover channel: two channels there, over a quota of one.
  const studio = findPipeline("studio_live_feed", [projectPath("examples")]);
  const west = { ...studio, resolved: { ...studio.resolved, pipeline_id: "west_live", region: "us-west-2" } };
  const both = await checkQuotas([twoRegion, west], quotasIn);
  expect(both.find((r) => r.id === "quota:medialive:us-west-2")).toMatchObject({
    status: "fail",
    message: "MediaLive channels in us-west-2: the definitions need 2 (1 for failover of two-region-live), the quota (L-D1AFAF75) is 1",
  });
  expect(both.find((r) => r.id === "quota:mediapackagev2:us-west-2")).toMatchObject({ status: "fail" });
});

test("leftover temporary folders of interrupted runs (their process gone) are found; a running one's are not", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-doctor-"));
  fs.mkdirSync(path.join(dir, "modules", `.studio.new-${process.pid}-1`), { recursive: true });
  expect(checkLeftovers([dir]).status).toBe("pass");
  const gone = path.join(dir, "modules", ".studio.new-2147483646-1700000000000");
  fs.mkdirSync(gone);
  expect(checkLeftovers([dir])).toMatchObject({ status: "warn", message: `1 left by interrupted runs: ${gone}`, fix: `remove them: rm -rf '${gone}'` });
});

test("a saved plan readable by others fails; owner-only passes", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-work-"));
  fs.mkdirSync(path.join(work, "studio"));
  const plan = path.join(work, "studio", "blackwell.tfplan");
  fs.writeFileSync(plan, "x", { mode: 0o644 });
  fs.chmodSync(plan, 0o644);
  expect(checkPlanFiles(work, "blackwell.tfplan")).toMatchObject({ status: "fail", fix: `chmod 600 ${plan}` });
  fs.chmodSync(plan, 0o600);
  expect(checkPlanFiles(work, "blackwell.tfplan").status).toBe("pass");
});

test("the CLI: media doctor --json and doctor --media-check exit 1 when a check fails; doctor alone says how to ask", () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-doctor-cli-"));
  fs.mkdirSync(path.join(cwd, ".blackwell", "work", "studio"), { recursive: true });
  fs.writeFileSync(path.join(cwd, ".blackwell", "work", "studio", "blackwell.tfplan"), "x");
  fs.chmodSync(path.join(cwd, ".blackwell", "work", "studio", "blackwell.tfplan"), 0o644);
  const r = runCli(["media", "doctor", "--no-aws", "--json"], { cwd });
  expect(r.status).toBe(1);
  const out = JSON.parse(r.stdout);
  expect(out.ok).toBe(false);
  expect(out.checks.map((c: { id: string }) => c.id)).toEqual(["node", "terraform", "provider", "definitions", "leftovers", "plan-files"]);
  expect(out.checks.find((c: { id: string }) => c.id === "plan-files").status).toBe("fail");
  const top = runCli(["doctor", "--media-check", "--no-aws"], { cwd });
  expect(top.status).toBe(1);
  expect(top.stdout).toMatch(/^FAIL {2}plan-files +saved plans readable by others/m);
  expect(top.stdout).toMatch(/^ +fix: chmod 600 /m);
  expect(runCli(["doctor"], { cwd }).stderr).toMatch(/^error: blackwell doctor checks media pipelines with --media-check/);
});
