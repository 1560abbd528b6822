/**
 * deploy-template --remote tfc as a user runs it, against the contract server: a plan-only batch with --json, and
 * one line with exit 1 (no stack trace, no token) for a wrong token, an unreachable host and a missing token, and the
 * settings from terraform.tfc of the project configuration with a run that outlives its run_timeout.
 */
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { tokenEnvName } from "../../src/fleet/tfc-client";
import { runCliAsync } from "../support/cli";
import { FakeTfc } from "../support/fake-tfc";

const templateFile = projectPath("examples", "creator-channel.template.json");
const TOKEN = "cli-token.atlasv1.xyz";

function workFolder(): string {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-tfc-cli-"));
  fs.mkdirSync(path.join(work, "inputs"));
  for (const p of loadPipelines([templateFile]).pipelines)
    fs.writeFileSync(
      path.join(work, "inputs", `${p.resolved.pipeline_id}.tfvars.json`),
      JSON.stringify({
        rtmp_allowed_cidrs: ["203.0.113.0/24"],
        ...(p.resolved.outputs.some((o) => o.type === "youtube") ? { youtube_stream_key: "sk-cli-secret" } : {}),
      }),
    );
  return work;
}

const args = (host: string) => [
  "media",
  "deploy-template",
  templateFile,
  "--batch",
  "--remote",
  "tfc",
  "--tfc-hostname",
  host,
  "--tfc-organization",
  "acme",
  "--tfc-workspace",
  "media-{pipeline}",
  "--var-file-dir",
  "inputs",
  "--modules",
  "modules",
  "--work-dir",
  "roots",
];

test("a plan-only batch on the contract server prints every creator's result as JSON and records it", async () => {
  const fake = new FakeTfc({ token: TOKEN, organization: "acme" });
  const url = await fake.start();
  const work = workFolder();
  try {
    const r = await runCliAsync([...args(url), "--plan-only", "--json"], { [tokenEnvName(url)]: TOKEN }, work);
    expect(r.stderr).not.toContain(TOKEN);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { shared: { status: string }; results: { creator: string; status: string }[] };
    expect(out.shared.status).toBe("planned");
    expect(out.results.map((x) => [x.creator, x.status])).toEqual([
      ["creator1", "planned"],
      ["creator2", "planned"],
      ["creator3", "planned"],
    ]);
    expect([...fake.workspaces.keys()].sort()).toEqual([
      "media-creator-channel-creator1",
      "media-creator-channel-creator2",
      "media-creator-channel-creator3",
      "media-creator-channel-shared",
    ]);
    expect(fs.existsSync(path.join(work, ".blackwell", "fleet", "creator-channel.tfc.review.json"))).toBe(true);

    // destroy-template --remote finds the workspaces; plan-only runs left nothing to destroy.
    const destroy = await runCliAsync(
      ["media", "destroy-template", templateFile, "--yes", "--json", ...args(url).slice(4, 12)],
      { [tokenEnvName(url)]: TOKEN },
      work,
    );
    expect(destroy.status).toBe(0);
    const gone = JSON.parse(destroy.stdout) as { shared: { status: string }; results: { status: string; detail: string }[] };
    expect(gone.results.map((x) => [x.status, x.detail])).toEqual(Array(3).fill(["skipped", "nothing deployed"]));
    expect(gone.shared.status).toBe("not deployed");
    expect(
      fake.requests.some(
        (r) => r.method === "POST" && r.path === "/api/v2/runs" && (r.body as { data: { attributes: Record<string, unknown> } }).data.attributes["is-destroy"],
      ),
    ).toBe(false);
  } finally {
    await fake.stop();
  }
});

test("a wrong token, an unreachable host and a missing token are one line each, exit 1", async () => {
  const fake = new FakeTfc({ token: TOKEN, organization: "acme" });
  const url = await fake.start();
  const work = workFolder();
  try {
    const bad = await runCliAsync(args(url), { [tokenEnvName(url)]: "wrong-token" }, work);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toMatch(
      /^error: Terraform Cloud at 127\.0\.0\.1:\d+ rejected the API token \(401\): set TF_TOKEN_127_0_0_1_\d+ or run terraform login$/,
    );
    expect(bad.stderr).not.toContain("wrong-token");
  } finally {
    await fake.stop();
  }
  const closed = net.createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  const port = (closed.address() as net.AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const host = `http://127.0.0.1:${port}`;
  const unreachable = await runCliAsync(args(host), { [tokenEnvName(host)]: TOKEN }, work);
  expect(unreachable.status).toBe(1);
  expect(unreachable.stderr.trim()).toBe(`error: cannot reach Terraform Cloud at ${host}: ECONNREFUSED`);
  const local = await runCliAsync(["media", "deploy-template", templateFile, "--batch", "--tfc-project", "Media"], {}, work);
  expect(local.status).toBe(1);
  expect(local.stderr.trim()).toBe(
    "error: --tfc-project goes with --remote tfc (state in Terraform Cloud for local runs: terraform.backend.cloud in blackwell.config.json)",
  );
  const none = await runCliAsync([...args("tfe.example.com")], { HOME: work }, work);
  expect(none.status).toBe(1);
  expect(none.stderr.trim()).toBe("error: no API token for tfe.example.com: set TF_TOKEN_tfe_example_com or run terraform login tfe.example.com");
});

test("organization, workspace, project and run timeout from terraform.tfc of blackwell.config.json; a run that outlives it is timed_out with its address, exit 1", async () => {
  const fake = new FakeTfc({
    token: TOKEN,
    organization: "acme",
    projects: { Media: "prj-media01" },
    stuckWorkspaces: ["media-creator-channel-creator2"],
    outputsAfterApply: {
      "media-creator-channel-shared": { channel_group_name: "creator-channel", egress_domain: "abc.egress.mediapackagev2.us-west-2.amazonaws.com" },
    },
  });
  const url = await fake.start();
  const work = workFolder();
  fs.writeFileSync(
    path.join(work, "blackwell.config.json"),
    JSON.stringify({ terraform: { tfc: { organization: "acme", workspace: "media-{pipeline}", project: "Media", run_timeout: 4 } } }),
  );
  try {
    const r = await runCliAsync(
      ["media", "deploy-template", templateFile, "--batch", "--remote", "tfc", "--tfc-hostname", url, "--var-file-dir", "inputs", "--auto-apply", "--json"],
      { [tokenEnvName(url)]: TOKEN },
      work,
    );
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stderr).error).toEqual({
      kind: "user",
      message: "1 of 3 runs had not ended within --run-timeout (creator2); they go on in Terraform Cloud: rerun to wait for them again",
      exit_code: 1,
    });
    const out = JSON.parse(r.stdout) as { results: { creator: string; status: string; detail: string }[] };
    expect(out.results.map((x) => [x.creator, x.status])).toEqual([
      ["creator1", "succeeded"],
      ["creator2", "timed_out"],
      ["creator3", "succeeded"],
    ]);
    expect(out.results[1].detail).toMatch(
      new RegExp(
        `^run run-\\d+ still planning after 4 s \\(it goes on in Terraform Cloud; rerun to wait for it again\\): ${url}/app/acme/workspaces/media-creator-channel-creator2/runs/run-\\d+$`,
      ),
    );
    expect([...fake.workspaces.values()].every((w) => w.project === "prj-media01")).toBe(true);
  } finally {
    await fake.stop();
  }
});
