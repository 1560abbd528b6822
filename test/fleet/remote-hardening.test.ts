/**
 * deploy-template --remote tfc against the contract server, the hard cases: variables it set and no longer has are
 * deleted while hand-made ones stay; server errors are retried with backoff for repeatable requests and never for
 * POST /runs; a run that outlives --run-timeout is recorded as timed out and picked up by the rerun; a run waiting
 * for confirmation is recorded as planned (never succeeded), picked up once confirmed, and discarded when its inputs
 * changed; and where the Terraform Cloud settings come from.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { UserError } from "../../src/core/problems";
import { loadProjectConfig } from "../../src/core/project-config";
import { deployTemplateRemote, MANAGED_VARIABLE_DESCRIPTION, RemoteDeployOptions, RUN_STATES } from "../../src/fleet/remote-deploy";
import { destroyTemplateRemote } from "../../src/fleet/remote-destroy";
import { fleetStateFile, readFleetState } from "../../src/fleet/run-fleet";
import { TfcClient } from "../../src/fleet/tfc-client";
import { tfcTarget } from "../../src/fleet/tfc-settings";
import { FakeTfc, FakeTfcOptions } from "../support/fake-tfc";

const pipelines = loadPipelines([projectPath("examples", "creator-channel.template.json")]).pipelines;
const creators = pipelines.map((p) => p.template!.creator);
const TOKEN = "hardening-token.atlasv1.abc";
const SHARED_OUTPUTS = {
  "media-creator-channel-shared": { channel_group_name: "creator-channel", egress_domain: "abc.egress.mediapackagev2.us-west-2.amazonaws.com" },
};

function writeInputs(work: string, extra: Record<string, unknown> = {}, only?: string) {
  fs.mkdirSync(path.join(work, "inputs"), { recursive: true });
  for (const p of pipelines) {
    if (only && p.template!.creator !== only) continue;
    const vars: Record<string, unknown> = { rtmp_allowed_cidrs: ["203.0.113.0/24"], ...extra };
    if (p.resolved.outputs.some((o) => o.type === "youtube")) vars.youtube_stream_key = "sk-live-hardening";
    fs.writeFileSync(path.join(work, "inputs", `${p.resolved.pipeline_id}.tfvars.json`), JSON.stringify(vars));
  }
}

async function withFake(
  o: Partial<FakeTfcOptions>,
  body: (fake: FakeTfc, work: string, options: (extra?: Partial<RemoteDeployOptions>) => RemoteDeployOptions) => Promise<void>,
) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-tfc-hard-"));
  writeInputs(work);
  const fake = new FakeTfc({ token: TOKEN, organization: "acme", outputsAfterApply: SHARED_OUTPUTS, ...o });
  const url = await fake.start();
  const options = (extra: Partial<RemoteDeployOptions> = {}): RemoteDeployOptions => ({
    pipelines,
    creators,
    concurrency: 2,
    modulesDir: path.join(work, "modules"),
    workDir: path.join(work, "roots"),
    stateDir: path.join(work, "fleet"),
    varFileDir: path.join(work, "inputs"),
    planOnly: false,
    rerunAll: false,
    remote: {
      client: new TfcClient({ hostname: url, token: TOKEN, sleep: async () => {} }),
      organization: "acme",
      workspaceName: "media-{pipeline}",
      autoApply: true,
      pollMs: 5,
    },
    ...extra,
  });
  try {
    await body(fake, work, options);
  } finally {
    await fake.stop();
  }
}

const runPostsFor = (fake: FakeTfc, workspace: string) =>
  fake.requests.filter(
    (r) =>
      r.method === "POST" &&
      r.path === "/api/v2/runs" &&
      (r.body as { data: { relationships: { workspace: { data: { id: string } } } } }).data.relationships.workspace.data.id ===
        fake.workspaces.get(workspace)!.id,
  );

test("variables deploy-template set and the inputs no longer have are deleted; hand-made ones stay", async () => {
  await withFake({}, async (fake, work, options) => {
    writeInputs(work, { ingest_note: "first batch" });
    expect((await deployTemplateRemote(options())).results.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    const ws = fake.workspaces.get("media-creator-channel-creator1")!;
    expect(ws.vars.find((v) => v.key === "ingest_note")).toMatchObject({ description: MANAGED_VARIABLE_DESCRIPTION });
    // Someone adds a variable by hand, and an environment variable with our key name.
    ws.vars.push({ id: "var-900001", key: "team_note", value: "on call: ops", category: "terraform", hcl: false, sensitive: false });
    ws.vars.push({
      id: "var-900002",
      key: "ingest_note",
      value: "env",
      description: MANAGED_VARIABLE_DESCRIPTION,
      category: "env",
      hcl: false,
      sensitive: false,
    });

    writeInputs(work); // ingest_note is gone from every creator's inputs
    fake.requests.length = 0;
    expect((await deployTemplateRemote(options())).results.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    const deletes = fake.requests.filter((r) => r.method === "DELETE");
    expect(deletes.map((r) => r.path)).toHaveLength(3); // one per creator workspace
    expect(ws.vars.map((v) => `${v.category}:${v.key}`).sort()).toEqual([
      "env:ingest_note",
      "terraform:mediapackage_channel_group_name",
      "terraform:mediapackage_egress_domain",
      "terraform:rtmp_allowed_cidrs",
      "terraform:team_note",
      "terraform:youtube_stream_key",
    ]);
    expect(deletes.some((r) => r.path.endsWith("/var-900001") || r.path.endsWith("/var-900002"))).toBe(false);
  });
});

test("server errors: repeatable requests retry with jittered exponential backoff, POST /runs is sent once, and giving up is one line", async () => {
  await withFake(
    {
      serverErrors: [{ method: "GET", path: /^\/api\/v2\/organizations\/acme$/, status: 503, times: 2 }],
    },
    async (fake, _work, options) => {
      const waits: number[] = [];
      const client = (o: object = {}) =>
        new TfcClient({ hostname: fake.url, token: TOKEN, sleep: (ms) => Promise.resolve(void waits.push(ms)), random: () => 0.5, backoffMs: 1000, ...o });
      const first = await deployTemplateRemote(options({ remote: { ...options().remote, client: client() } }));
      expect(first.results.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
      // Two 503s on the organization read: half of 1 s, then half of 2 s (full jitter with random 0.5).
      expect(waits.slice(0, 2)).toEqual([500, 1000]);
      expect(fake.requests.filter((r) => r.method === "GET" && r.path === "/api/v2/organizations/acme")).toHaveLength(3);

      // A PATCH of a variable (rerun, so variables exist) is retried after a 500.
      fake.o.serverErrors = [{ method: "PATCH", path: /\/vars\/var-\d+$/, status: 500, times: 1 }];
      waits.length = 0;
      const again = await deployTemplateRemote(options({ rerunAll: true, creators: ["creator1"], remote: { ...options().remote, client: client() } }));
      expect(again.results.map((r) => r.status)).toEqual(["succeeded"]);
      expect(waits).toEqual([500]);

      // POST /runs answered 502: not repeated (the run may exist); the creator fails with the status.
      fake.o.serverErrors = [{ method: "POST", path: /^\/api\/v2\/runs$/, status: 502, times: 1 }];
      fake.requests.length = 0;
      const noRepeat = await deployTemplateRemote(options({ rerunAll: true, creators: ["creator2"], remote: { ...options().remote, client: client() } }));
      expect(noRepeat.shared?.status).toBe("failed");
      expect(noRepeat.shared?.detail).toBe("Terraform Cloud POST /runs failed (502): Internal Server Error");
      expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/api/v2/runs")).toHaveLength(1);

      // A server that keeps failing: bounded retries, then one line with the attempt count.
      fake.o.serverErrors = [{ method: "GET", path: /^\/api\/v2\/organizations\/acme$/, status: 504, times: 100 }];
      waits.length = 0;
      const down = deployTemplateRemote(options({ remote: { ...options().remote, client: client({ maxServerErrorRetries: 3 }) } }));
      await expect(down).rejects.toThrow(UserError);
      await expect(down).rejects.toThrow("Terraform Cloud GET /organizations/acme failed (504) after 4 attempts: Internal Server Error");
      expect(waits).toEqual([500, 1000, 2000]);
    },
  );
});

test("a run that outlives --run-timeout is recorded as timed out with its address, and the rerun waits for that run instead of queuing another", async () => {
  await withFake({ stuckWorkspaces: ["media-creator-channel-creator2"] }, async (fake, _work, options) => {
    const o = options({ remote: { ...options().remote, runTimeoutMs: 150 } });
    const first = await deployTemplateRemote(o);
    expect(first.results.map((r) => [r.creator, r.status])).toEqual([
      ["creator1", "succeeded"],
      ["creator2", "timed_out"],
      ["creator3", "succeeded"],
    ]);
    const run = first.results[1].run!;
    expect(first.results[1].detail).toBe(
      `run ${run} still planning after 0.15 s (it goes on in Terraform Cloud; rerun to wait for it again): ${fake.url}/app/acme/workspaces/media-creator-channel-creator2/runs/${run}`,
    );
    const record = readFleetState(fleetStateFile("creator-channel.tfc", o.stateDir));
    expect(record.creators.creator2).toMatchObject({ status: "timed_out", run });

    fake.release();
    fake.requests.length = 0;
    const again = await deployTemplateRemote(o);
    expect(again.results.map((r) => [r.creator, r.status])).toEqual([
      ["creator1", "skipped"],
      ["creator2", "succeeded"],
      ["creator3", "skipped"],
    ]);
    expect(runPostsFor(fake, "media-creator-channel-creator2")).toHaveLength(0);
    expect(fake.requests.some((r) => r.method === "GET" && r.path === `/api/v2/runs/${run}`)).toBe(true);
    expect(readFleetState(fleetStateFile("creator-channel.tfc", o.stateDir)).creators.creator2.status).toBe("succeeded");
  });
});

test("runs waiting for confirmation are recorded as planned, never succeeded; a rerun picks up confirmed runs and discards ones whose inputs changed", async () => {
  await withFake({}, async (fake, work, options) => {
    const o = options({ remote: { ...options().remote, autoApply: false } });
    const stateFile = fleetStateFile("creator-channel.tfc", o.stateDir);

    // The shared group's run waits and it has no outputs yet: no creator is deployed.
    const first = await deployTemplateRemote(o);
    expect(first.results).toEqual([]);
    expect(first.shared).toMatchObject({ status: "planned", run: expect.stringMatching(/^run-/) });
    expect(first.shared!.inputs).toBeUndefined();
    expect(first.shared!.detail).toMatch(/^run run-\d+ planned, waits for confirmation \(confirm it in Terraform Cloud, then rerun to record it\): http/);
    expect(readFleetState(stateFile).shared).toMatchObject({ status: "planned", run: first.shared!.run });

    // Confirmed in the UI: the rerun follows that run to applied instead of queuing another.
    fake.confirm(first.shared!.run!);
    fake.requests.length = 0;
    const second = await deployTemplateRemote(o);
    expect(second.shared).toMatchObject({ status: "applied", inputs: { mediapackage_channel_group_name: "creator-channel" } });
    expect(runPostsFor(fake, "media-creator-channel-shared")).toHaveLength(0);
    expect(second.results.map((r) => r.status)).toEqual(["planned", "planned", "planned"]);
    const runs = second.results.map((r) => r.run!);
    expect(readFleetState(stateFile).creators.creator1).toMatchObject({ status: "planned", run: runs[0] });

    // creator1 confirmed; creator3's inputs change. The rerun: creator1 succeeded (same run), creator2 still
    // waiting (same run, nothing queued), creator3's old run discarded and a new one queued.
    fake.confirm(runs[0]);
    writeInputs(work, { rtmp_allowed_cidrs: ["198.51.100.0/24"] }, "creator3");
    fake.requests.length = 0;
    const third = await deployTemplateRemote(o);
    expect(third.results.map((r) => [r.creator, r.status])).toEqual([
      ["creator1", "succeeded"],
      ["creator2", "planned"],
      ["creator3", "planned"],
    ]);
    expect(third.results[1].run).toBe(runs[1]);
    expect(runPostsFor(fake, "media-creator-channel-creator1")).toHaveLength(0);
    expect(runPostsFor(fake, "media-creator-channel-creator2")).toHaveLength(0);
    expect(runPostsFor(fake, "media-creator-channel-creator3")).toHaveLength(1);
    expect(fake.runs.get(runs[2])!.discarded).toBe(true);
    expect(third.results[2].run).not.toBe(runs[2]);
  });
});

test("a run stopped at policy_checked (confirmable) without auto-apply is planned, waiting for confirmation", async () => {
  await withFake({ awaitingStatus: "policy_checked" }, async (_fake, _work, options) => {
    const manual = await deployTemplateRemote(options({ creators: ["creator1"], remote: { ...options().remote, autoApply: false } }));
    expect(manual.shared?.status).toBe("planned");
    expect(manual.shared?.detail).toMatch(/ policy_checked, waits for confirmation /);
  });
});

test("the run states are the documented list, each in one group", () => {
  // The Runs API's run states (developer.hashicorp.com/terraform/cloud-docs/api-docs/run#run-states; go-tfe RunStatus).
  const documented = [
    "applied",
    "applying",
    "apply_queued",
    "canceled",
    "confirmed",
    "cost_estimated",
    "cost_estimating",
    "discarded",
    "errored",
    "fetching",
    "fetching_completed",
    "pending",
    "planned",
    "planned_and_finished",
    "planned_and_saved",
    "planning",
    "plan_queued",
    "policy_checked",
    "policy_checking",
    "policy_override",
    "policy_soft_failed",
    "post_plan_awaiting_decision",
    "post_plan_completed",
    "post_plan_running",
    "pre_apply_running",
    "pre_apply_completed",
    "pre_plan_completed",
    "pre_plan_running",
    "queuing",
    "queuing_apply",
    "force_canceled",
  ];
  const grouped = Object.values(RUN_STATES).flat();
  expect(new Set(grouped).size).toBe(grouped.length);
  expect([...grouped].sort()).toEqual([...documented].sort());
});

test("Terraform Cloud settings: flags over terraform.tfc over backend.cloud over defaults; bad values are one line", () => {
  const config = {
    terraform: {
      tfc: { hostname: "tfe.example.com", organization: "acme", project: "Media", workspace: "media-{pipeline}", run_timeout: 900 },
      backend: { cloud: { organization: "state-org", workspace: "state-{pipeline}", hostname: "state.example.com" } },
    },
  };
  expect(tfcTarget({}, config)).toEqual({
    hostname: "tfe.example.com",
    organization: "acme",
    project: "Media",
    workspaceName: "media-{pipeline}",
    runTimeoutMs: 900_000,
  });
  expect(
    tfcTarget({ "tfc-hostname": "x.example", "tfc-organization": "o", "tfc-workspace": "w-{pipeline}", "tfc-project": "prj-1", "run-timeout": 60 }, config),
  ).toEqual({ hostname: "x.example", organization: "o", project: "prj-1", workspaceName: "w-{pipeline}", runTimeoutMs: 60_000 });
  expect(tfcTarget({}, { terraform: { backend: config.terraform.backend } })).toEqual({
    hostname: "state.example.com",
    organization: "state-org",
    workspaceName: "state-{pipeline}",
    runTimeoutMs: 3_600_000,
  });
  expect(() => tfcTarget({}, {})).toThrow(
    "--remote tfc needs an organization: pass --tfc-organization, or set terraform.tfc.organization in blackwell.config.json",
  );
  expect(() => tfcTarget({ "tfc-organization": "o", "run-timeout": 0 }, {})).toThrow("--run-timeout takes seconds > 0; got 0");
  expect(() => tfcTarget({ "tfc-organization": "o", "tfc-workspace": "fixed" }, {})).toThrow("--tfc-workspace needs {pipeline}");
});

test("destroy-template --remote: a destroy run that outlives the timeout is timed_out, and the shared group is kept for that creator", async () => {
  await withFake({}, async (fake, _work, options) => {
    const o = options();
    expect((await deployTemplateRemote(o)).results.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    fake.o.stuckWorkspaces = ["media-creator-channel-creator3"];
    const gone = await destroyTemplateRemote({ ...o, keepShared: false, remote: { ...o.remote, runTimeoutMs: 150 } });
    expect(gone.results.map((r) => [r.creator, r.status])).toEqual([
      ["creator1", "succeeded"],
      ["creator2", "succeeded"],
      ["creator3", "timed_out"],
    ]);
    expect(gone.results[2].detail).toMatch(/^run run-\d+ still planning after 0\.15 s .*\/workspaces\/media-creator-channel-creator3\/runs\/run-\d+$/);
    expect(gone.shared).toEqual({ module_id: "creator-channel-shared", status: "kept", detail: "still used by creator3" });
    expect(fake.workspaces.get("media-creator-channel-shared")!.resources).toBe(3);
  });
});

test("terraform.tfc in blackwell.config.json is checked against the schema: one error naming the file and path", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-tfc-config-"));
  const file = path.join(dir, "blackwell.config.json");
  fs.writeFileSync(file, JSON.stringify({ terraform: { tfc: { organization: "acme", run_timeout: 0 } } }));
  let error: unknown;
  try {
    loadProjectConfig(file);
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).problems.map((p) => [p.file, p.path])).toEqual([[file, "$.terraform.tfc.run_timeout"]]);
  fs.writeFileSync(file, JSON.stringify({ terraform: { tfc: { hostname: "tfe.acme.example", organization: "acme", project: "Media", run_timeout: 600 } } }));
  expect(tfcTarget({}, loadProjectConfig(file).config)).toMatchObject({ hostname: "tfe.acme.example", project: "Media", runTimeoutMs: 600_000 });
});

test("a soft-failed policy waiting for an override stops even an auto-apply run: planned, waiting for a decision, not polled until the timeout", async () => {
  await withFake({ policyOverrideWorkspaces: ["media-creator-channel-creator1"] }, async (_fake, _work, options) => {
    const started = Date.now();
    const { results } = await deployTemplateRemote(options({ creators: ["creator1"], remote: { ...options().remote, runTimeoutMs: 60_000 } }));
    expect(results.map((r) => r.status)).toEqual(["planned"]);
    expect(results[0].detail).toMatch(
      /^run run-\d+ policy_override, waits for a decision \(override the policy or decide the run task in Terraform Cloud, then rerun to record it\): http/,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
