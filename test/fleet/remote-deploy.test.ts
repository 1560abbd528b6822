/**
 * deploy-template --remote tfc against the contract server: the exact requests per module (workspace tagged with the
 * template, variables with the stream key sensitive, configuration upload without any input value, run), a 429 whose
 * Retry-After is waited out, a 422 and an errored run that stay with their creator, a resume that redoes only those,
 * and one-line failures for a wrong token and an unreachable host.
 */
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as tar from "tar";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { UserError } from "../../src/core/problems";
import { deployTemplateRemote, MANAGED_VARIABLE_DESCRIPTION, RemoteDeployOptions } from "../../src/fleet/remote-deploy";
import { destroyTemplateRemote } from "../../src/fleet/remote-destroy";
import { fleetStateFile, readFleetState } from "../../src/fleet/run-fleet";
import { TfcClient, tfcToken, tokenEnvName } from "../../src/fleet/tfc-client";
import { FakeTfc, RecordedRequest } from "../support/fake-tfc";

const pipelines = loadPipelines([projectPath("examples", "creator-channel.template.json")]).pipelines;
const creators = pipelines.map((p) => p.template!.creator);
const STREAM_KEY = "sk-live-DO-NOT-LEAK-4242";
const TOKEN = "test-token.atlasv1.abc";

function setup(work: string) {
  const inputs = path.join(work, "inputs");
  fs.mkdirSync(inputs, { recursive: true });
  for (const p of pipelines) {
    const vars: Record<string, unknown> = { rtmp_allowed_cidrs: ["203.0.113.0/24"] };
    if (p.resolved.outputs.some((o) => o.type === "youtube")) vars.youtube_stream_key = STREAM_KEY;
    fs.writeFileSync(path.join(inputs, `${p.resolved.pipeline_id}.tfvars.json`), JSON.stringify(vars));
  }
  return inputs;
}

function options(work: string, url: string, extra: Partial<RemoteDeployOptions> = {}): RemoteDeployOptions {
  return {
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
      client: new TfcClient({ hostname: url, token: TOKEN }),
      organization: "acme",
      workspaceName: "media-{pipeline}",
      project: "Media",
      autoApply: true,
      pollMs: 5,
    },
    ...extra,
  };
}

const posts = (fake: FakeTfc, re: RegExp) => fake.requests.filter((r) => r.method === "POST" && re.test(r.path));
const wsIdOf = (fake: FakeTfc, name: string) => fake.workspaces.get(name)!.id;

async function untar(buf: Buffer): Promise<Record<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-untar-"));
  fs.writeFileSync(path.join(dir, "cv.tar.gz"), buf);
  fs.mkdirSync(path.join(dir, "x"));
  await tar.x({ file: path.join(dir, "cv.tar.gz"), cwd: path.join(dir, "x") });
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }))
      if (e.isDirectory()) walk(path.join(d, e.name));
      else out[path.relative(path.join(dir, "x"), path.join(d, e.name))] = fs.readFileSync(path.join(d, e.name), "utf8");
  };
  walk(path.join(dir, "x"));
  return out;
}

test("every module gets a tagged workspace, sensitive variables, a secret-free upload and a run; failures stay with their creator and a rerun resumes", async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-tfc-"));
  setup(work);
  const fake = new FakeTfc({
    token: TOKEN,
    organization: "acme",
    projects: { Media: "prj-media01" },
    rejectWorkspaces: ["media-creator-channel-creator2"],
    erroredWorkspaces: ["media-creator-channel-creator3"],
    throttleFirstRun: 1,
    outputsAfterApply: {
      "media-creator-channel-shared": { channel_group_name: "creator-channel", egress_domain: "abc.egress.mediapackagev2.us-west-2.amazonaws.com" },
    },
  });
  const url = await fake.start();
  try {
    const progress: string[] = [];
    const { shared, results } = await deployTemplateRemote({
      ...options(work, url),
      onProgress: (d, t, r) => progress.push(`${d}/${t} ${r.creator} ${r.status}`),
    });

    // The shared group first, applied; its outputs become the creators' inputs.
    expect(shared).toMatchObject({ module_id: "creator-channel-shared", status: "applied", inputs: { mediapackage_channel_group_name: "creator-channel" } });
    expect(results.map((r) => [r.creator, r.status])).toEqual([
      ["creator1", "succeeded"],
      ["creator2", "failed"],
      ["creator3", "failed"],
    ]);
    expect(results[1].detail).toBe("Terraform Cloud POST /organizations/acme/workspaces failed (422): invalid attribute: Name has already been taken");
    expect(results[2].detail).toMatch(/^run run-\d+ errored: http:\/\/127\.0\.0\.1:\d+\/app\/acme\/workspaces\/media-creator-channel-creator3\/runs\/run-\d+$/);
    expect(progress).toHaveLength(3);

    // Every API request carries the token; the upload URL never does.
    for (const r of fake.requests) expect(r.auth).toBe(r.path.startsWith("/_archivist/") ? undefined : `Bearer ${TOKEN}`);
    expect(fake.requests.filter((r) => r.path.startsWith("/api/")).every((r) => r.method === "GET" || r.contentType === "application/vnd.api+json")).toBe(true);

    // Workspace: created in the project, tagged with the template and the creator.
    const create = posts(fake, /^\/api\/v2\/organizations\/acme\/workspaces$/).find(
      (r) => (r.body as { data: { attributes: { name: string } } }).data.attributes.name === "media-creator-channel-creator1",
    )!;
    expect(create.body).toEqual({
      data: {
        type: "workspaces",
        attributes: { name: "media-creator-channel-creator1", "auto-apply": false },
        relationships: { project: { data: { type: "projects", id: "prj-media01" } } },
      },
    });
    expect(fake.workspaces.get("media-creator-channel-creator1")!.tags).toEqual(["blackwell", "template:creator-channel", "creator:creator1"]);
    expect(fake.workspaces.get("media-creator-channel-shared")!.tags).toEqual(["blackwell", "template:creator-channel"]);

    // Variables: the stream key sensitive, lists as HCL, the shared group's outputs passed on.
    const ws1 = wsIdOf(fake, "media-creator-channel-creator1");
    const varBodies = posts(fake, new RegExp(`^/api/v2/workspaces/${ws1}/vars$`)).map(
      (r) => (r.body as { data: { type: string; attributes: Record<string, unknown> } }).data,
    );
    expect(varBodies).toEqual([
      {
        type: "vars",
        attributes: {
          key: "rtmp_allowed_cidrs",
          value: '["203.0.113.0/24"]',
          description: MANAGED_VARIABLE_DESCRIPTION,
          category: "terraform",
          hcl: true,
          sensitive: false,
        },
      },
      {
        type: "vars",
        attributes: {
          key: "youtube_stream_key",
          value: STREAM_KEY,
          description: MANAGED_VARIABLE_DESCRIPTION,
          category: "terraform",
          hcl: false,
          sensitive: true,
        },
      },
      {
        type: "vars",
        attributes: {
          key: "mediapackage_channel_group_name",
          value: "creator-channel",
          description: MANAGED_VARIABLE_DESCRIPTION,
          category: "terraform",
          hcl: false,
          sensitive: false,
        },
      },
      {
        type: "vars",
        attributes: {
          key: "mediapackage_egress_domain",
          value: "abc.egress.mediapackagev2.us-west-2.amazonaws.com",
          description: MANAGED_VARIABLE_DESCRIPTION,
          category: "terraform",
          hcl: false,
          sensitive: false,
        },
      },
    ]);

    // The configuration upload: the root and the module, no key, no input value, no backend.
    const cvPost = posts(fake, new RegExp(`^/api/v2/workspaces/${ws1}/configuration-versions$`));
    expect(cvPost.map((r) => r.body)).toEqual([{ data: { type: "configuration-versions", attributes: { "auto-queue-runs": false, speculative: false } } }]);
    expect(fake.uploads.size).toBe(3); // the shared module, creator1 and creator3 (creator2 has no workspace)
    const uploadReq = fake.requests.filter((r) => r.method === "PUT");
    expect(uploadReq.every((r) => r.contentType === "application/octet-stream")).toBe(true);
    for (const buf of fake.uploads.values()) {
      expect(buf.includes(STREAM_KEY)).toBe(false); // not even in the gzip stream
      const files = await untar(buf);
      expect(files["main.tf.json"]).toBeDefined();
      expect(Object.keys(files).some((f) => f.startsWith("module/"))).toBe(true);
      for (const text of Object.values(files)) expect(text).not.toContain(STREAM_KEY);
      expect(Object.keys(files).some((f) => /tfvars|tfstate/.test(f))).toBe(false);
      expect(JSON.parse(files["main.tf.json"]).terraform.backend).toBeUndefined();
      expect(JSON.parse(files["main.tf.json"]).module.pipeline.source).toBe("./module");
    }

    // Runs: the first was throttled (429, Retry-After 1) and sent again no sooner than a second later.
    const runPosts = posts(fake, /^\/api\/v2\/runs$/);
    expect(runPosts[1].at - runPosts[0].at).toBeGreaterThanOrEqual(950);
    expect((runPosts[1].body as { data: unknown }).data).toMatchObject({
      type: "runs",
      attributes: { "plan-only": false, "auto-apply": true },
      relationships: { workspace: { data: { type: "workspaces", id: wsIdOf(fake, "media-creator-channel-shared") } } },
    });

    // A rerun redoes only the failed creators; the existing workspace's variables are updated, not duplicated.
    fake.requests.length = 0;
    const again = await deployTemplateRemote(options(work, url));
    expect(again.results.map((r) => [r.creator, r.status])).toEqual([
      ["creator1", "skipped"],
      ["creator2", "failed"],
      ["creator3", "failed"],
    ]);
    const ws3 = wsIdOf(fake, "media-creator-channel-creator3");
    expect(fake.requests.filter((r) => r.method === "PATCH" && r.path.startsWith(`/api/v2/workspaces/${ws3}/vars/`))).toHaveLength(3);
    expect(posts(fake, new RegExp(`^/api/v2/workspaces/${ws3}/vars$`))).toHaveLength(0);
    expect(fake.requests.some((r: RecordedRequest) => r.path.includes(wsIdOf(fake, "media-creator-channel-creator1")))).toBe(false);
  } finally {
    await fake.stop();
  }
});

test("plan-only queues plan-only runs and plans creators against stand-ins while the shared group is not applied", async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-tfc-"));
  setup(work);
  const fake = new FakeTfc({ token: TOKEN, organization: "acme", projects: { Media: "prj-media01" } });
  const url = await fake.start();
  try {
    const notes: string[] = [];
    const { shared, results } = await deployTemplateRemote({ ...options(work, url, { planOnly: true }), onNote: (t) => notes.push(t) });
    expect(shared).toMatchObject({ status: "planned", review_inputs: true });
    // A plan-only run is planned, never "succeeded": nothing was applied.
    expect(results.map((r) => r.status)).toEqual(["planned", "planned", "planned"]);
    for (const r of results)
      expect(r.detail).toMatch(
        /^plan-only run run-\d+ planned_and_finished: http:\/\/127\.0\.0\.1:\d+\/app\/acme\/workspaces\/media-creator-channel-creator\d\/runs\/run-\d+$/,
      );
    const runs = posts(fake, /^\/api\/v2\/runs$/).map((r) => (r.body as { data: { attributes: Record<string, unknown> } }).data.attributes);
    expect(runs).toHaveLength(4);
    for (const a of runs) expect(a).toMatchObject({ "plan-only": true, "auto-apply": false });
    expect(notes.join("\n")).toMatch(/creator-channel-shared is not applied yet/);
  } finally {
    await fake.stop();
  }
});

test("destroy-template --remote queues destroy runs, keeps the shared group while a creator uses it, and forgets what is gone", async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-tfc-"));
  setup(work);
  const fake = new FakeTfc({
    token: TOKEN,
    organization: "acme",
    projects: { Media: "prj-media01" },
    outputsAfterApply: {
      "media-creator-channel-shared": { channel_group_name: "creator-channel", egress_domain: "abc.egress.mediapackagev2.us-west-2.amazonaws.com" },
    },
  });
  const url = await fake.start();
  try {
    const o = options(work, url);
    expect((await deployTemplateRemote(o)).results.every((r) => r.status === "succeeded")).toBe(true);
    const record = fleetStateFile("creator-channel.tfc", o.stateDir);
    expect(readFleetState(record).shared).toMatchObject({ status: "succeeded" });
    fake.requests.length = 0;
    const one = await destroyTemplateRemote({ ...o, creators: ["creator2"], keepShared: false });
    expect(one.results.map((r) => [r.creator, r.status])).toEqual([["creator2", "succeeded"]]);
    expect(one.shared).toEqual({ module_id: "creator-channel-shared", status: "kept", detail: "still used by creator1, creator3" });
    const destroyRuns = posts(fake, /^\/api\/v2\/runs$/).map((r) => (r.body as { data: unknown }).data);
    expect(destroyRuns).toEqual([
      {
        type: "runs",
        attributes: { message: "blackwell destroy-template creator-channel", "plan-only": false, "auto-apply": true, "is-destroy": true },
        relationships: { workspace: { data: { type: "workspaces", id: wsIdOf(fake, "media-creator-channel-creator2") } } },
      },
    ]);
    expect(Object.keys(readFleetState(record).creators).sort()).toEqual(["creator1", "creator3"]);

    const rest = await destroyTemplateRemote({ ...o, keepShared: false });
    expect(rest.results.map((r) => [r.creator, r.status, r.detail])).toEqual([
      ["creator1", "succeeded", undefined],
      ["creator2", "skipped", "nothing deployed"],
      ["creator3", "succeeded", undefined],
    ]);
    expect(rest.shared).toEqual({ module_id: "creator-channel-shared", status: "destroyed" });
    expect(readFleetState(record).shared).toBeUndefined(); // recorded by the deploy, gone with the group
    expect(fake.workspaces.get("media-creator-channel-shared")!.resources).toBe(0);
    expect(readFleetState(record).creators).toEqual({});
  } finally {
    await fake.stop();
  }
});

test("a wrong token and an unreachable host are one line each, before anything is synthesized", async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-tfc-"));
  const fake = new FakeTfc({ token: TOKEN, organization: "acme" });
  const url = await fake.start();
  try {
    const bad = deployTemplateRemote({
      ...options(work, url),
      remote: { ...options(work, url).remote, client: new TfcClient({ hostname: url, token: "wrong" }) },
    });
    await expect(bad).rejects.toThrow(UserError);
    await expect(bad).rejects.toThrow(
      /^Terraform Cloud at 127\.0\.0\.1:\d+ rejected the API token \(401\): set TF_TOKEN_127_0_0_1_\d+ or run terraform login$/,
    );
    await expect(deployTemplateRemote(options(work, url, { remote: { ...options(work, url).remote, organization: "other" } }))).rejects.toThrow(
      "organization other not found on Terraform Cloud (or the token cannot see it)",
    );
  } finally {
    await fake.stop();
  }
  const closed = net.createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  const port = (closed.address() as net.AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  await expect(deployTemplateRemote(options(work, `http://127.0.0.1:${port}`))).rejects.toThrow(
    `cannot reach Terraform Cloud at http://127.0.0.1:${port}: ECONNREFUSED`,
  );
  expect(fs.existsSync(path.join(work, "modules"))).toBe(false);
});

test("the token comes from TF_TOKEN_<host>, else the terraform credentials file, and is never in the error", () => {
  expect(tokenEnvName("app.terraform.io")).toBe("TF_TOKEN_app_terraform_io");
  expect(tokenEnvName("tfe.my-corp.example")).toBe("TF_TOKEN_tfe_my__corp_example");
  expect(tfcToken("app.terraform.io", { TF_TOKEN_app_terraform_io: "from-env" })).toBe("from-env");
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-home-"));
  fs.mkdirSync(path.join(home, ".terraform.d"));
  fs.writeFileSync(path.join(home, ".terraform.d", "credentials.tfrc.json"), JSON.stringify({ credentials: { "app.terraform.io": { token: "from-file" } } }));
  expect(tfcToken("app.terraform.io", { HOME: home })).toBe("from-file");
  expect(() => tfcToken("tfe.example.com", { HOME: home })).toThrow(
    "no API token for tfe.example.com: set TF_TOKEN_tfe_example_com or run terraform login tfe.example.com",
  );
});
