/**
 * destroy-template with the real terraform on provider-free stand-ins of the template's modules: creators
 * first (one injected destroy failure stays with its creator), the shared group only once no creator of the
 * template has resources left, a rerun that resumes from terraform state, and the deploy record updated so
 * the next deploy-template deploys the destroyed creators again.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { destroyTemplate } from "../../src/fleet/destroy-template";
import { fleetStateFile, readFleetState } from "../../src/fleet/run-fleet";
import { prepareWorkingRoot } from "../../src/terraform/working-root";
import { applyRoot, deployedResources, planRoot } from "../../src/terraform/workflow";
import { runCli } from "../support/cli";

const templateFile = projectPath("examples", "creator-channel.template.json");
const pipelines = loadPipelines([templateFile]).pipelines;
const creators = pipelines.map((p) => p.template!.creator);

/** A stand-in module whose destroy fails while `<work>/fail-<name>` exists. */
function standIn(modulesDir: string, id: string, failFlag: string): void {
  fs.mkdirSync(path.join(modulesDir, id), { recursive: true });
  fs.writeFileSync(
    path.join(modulesDir, id, "main.tf.json"),
    JSON.stringify({
      resource: { terraform_data: { main: { input: failFlag, provisioner: [{ "local-exec": { when: "destroy", command: "test ! -e ${self.input}" } }] } } },
    }),
  );
}

async function deployStandIns(work: string): Promise<void> {
  const modulesDir = path.join(work, "modules");
  const shared = pipelines[0].resolved.shared_channel_group!.module_id;
  standIn(modulesDir, shared, path.join(work, `fail-${shared}`));
  const deploy = async (id: string, defaultTags?: Record<string, string>) => {
    const root = prepareWorkingRoot({
      pipelineId: id,
      moduleDir: path.join(modulesDir, id),
      region: pipelines[0].resolved.region,
      workDir: path.join(work, "roots"),
      defaultTags,
    });
    await planRoot(root, { json: true });
    await applyRoot(root);
  };
  await deploy(shared);
  for (const p of pipelines) {
    standIn(modulesDir, p.resolved.pipeline_id, path.join(work, `fail-${p.template!.creator}`));
    await deploy(p.resolved.pipeline_id, { Creator: p.template!.creator });
  }
  // What deploy-template records after a successful batch.
  const stateFile = fleetStateFile("creator-channel", path.join(work, "fleet"));
  fs.mkdirSync(path.dirname(stateFile), { recursive: true });
  fs.writeFileSync(
    stateFile,
    JSON.stringify({ creators: Object.fromEntries(creators.map((c) => [c, { status: "succeeded", at: "2026-11-25T00:00:00.000Z" }])) }),
  );
}

(process.env.BLACKWELL_SKIP_TERRAFORM === "1" ? test.skip : test)(
  "creators first, the shared group last and only when unused; a failed creator is resumed from state",
  async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-destroy-template-"));
    await deployStandIns(work);
    const roots = path.join(work, "roots");
    const options = {
      pipelines,
      concurrency: 2,
      modulesDir: path.join(work, "modules"),
      workDir: roots,
      keepShared: false,
      stateDir: path.join(work, "fleet"),
    };
    const left = (id: string) => deployedResources(path.join(roots, id));
    const recorded = () => Object.keys(readFleetState(fleetStateFile("creator-channel", path.join(work, "fleet"))).creators).sort();

    // One creator alone: the group stays for the two others.
    const one = await destroyTemplate({ ...options, creators: ["creator1"] });
    expect(one.results.map((r) => [r.creator, r.status])).toEqual([["creator1", "succeeded"]]);
    expect(one.shared).toEqual({ module_id: "creator-channel-shared", status: "kept", detail: "still used by creator2, creator3" });
    expect(left("creator-channel-creator1")).toEqual([]);
    expect(recorded()).toEqual(["creator2", "creator3"]);

    // All of them, with creator2's destroy failing: the others go on, the group is kept for creator2.
    fs.writeFileSync(path.join(work, "fail-creator2"), "");
    const progress: string[] = [];
    const all = await destroyTemplate({ ...options, creators, onProgress: (d, t, r) => progress.push(`${d}/${t} ${r.creator} ${r.status}`) });
    expect(all.results.map((r) => [r.creator, r.status, r.detail])).toEqual([
      ["creator1", "skipped", "nothing deployed"],
      ["creator2", "failed", "terraform destroy failed with exit code 1"],
      ["creator3", "succeeded", undefined],
    ]);
    expect(progress).toHaveLength(3);
    expect(all.shared).toEqual({ module_id: "creator-channel-shared", status: "kept", detail: "still used by creator2" });
    expect(left("creator-channel-creator2")).toEqual(["module.pipeline.terraform_data.main"]);
    expect(left("creator-channel-shared")).toEqual(["module.pipeline.terraform_data.main"]);
    expect(recorded()).toEqual(["creator2"]); // still deployed: a deploy-template rerun skips it, and redeploys the rest

    // Fixed: the rerun destroys only what is left; --keep-shared leaves the unused group.
    fs.rmSync(path.join(work, "fail-creator2"));
    const rerun = await destroyTemplate({ ...options, creators, keepShared: true });
    expect(rerun.results.map((r) => [r.creator, r.status])).toEqual([
      ["creator1", "skipped"],
      ["creator2", "succeeded"],
      ["creator3", "skipped"],
    ]);
    expect(rerun.shared).toEqual({ module_id: "creator-channel-shared", status: "kept", detail: "--keep-shared" });
    expect(recorded()).toEqual([]);

    const last = await destroyTemplate({ ...options, creators });
    expect(last.results.every((r) => r.status === "skipped")).toBe(true);
    expect(last.shared).toEqual({ module_id: "creator-channel-shared", status: "destroyed" });
    expect(left("creator-channel-shared")).toEqual([]);
    expect((await destroyTemplate({ ...options, creators })).shared!.status).toBe("not deployed");
  },
);

test("destroy-template asks first, and refuses without --yes when not on a terminal or for creators not in the template", () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-destroy-template-cli-"));
  const unconfirmed = runCli(["media", "destroy-template", "creator-channel", "--dir", projectPath("examples")], { cwd });
  expect(unconfirmed.status).toBe(1);
  expect(unconfirmed.stderr).toMatch(/not destroyed: confirm at the prompt, or pass --yes/);
  const unknown = runCli(["media", "destroy-template", "creator-channel", "--creators", "creator9", "--yes", "--dir", projectPath("examples")], { cwd });
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toMatch(/not in the template: creator9; it has creator1, creator2, creator3/);
  const nothing = runCli(["media", "destroy-template", "creator-channel", "--yes", "--json", "--dir", projectPath("examples")], { cwd });
  expect(nothing.status).toBe(0);
  expect(JSON.parse(nothing.stdout)).toEqual({
    results: creators.map((creator) => ({ creator, status: "skipped", ms: expect.any(Number), detail: "never deployed from .blackwell/work" })),
    shared: { module_id: "creator-channel-shared", status: "not deployed" },
  });
  expect(fs.existsSync(path.join(cwd, "modules"))).toBe(false); // nothing to destroy, nothing synthesized
});

(process.env.BLACKWELL_SKIP_TERRAFORM === "1" ? test.skip : test)(
  "a creator destroyed alone with destroy is deployed again by the next deploy-template",
  () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-destroy-one-"));
    standIn(path.join(cwd, "modules"), "creator-channel-creator1", path.join(cwd, "never-there"));
    fs.writeFileSync(
      path.join(cwd, "shared.tfvars.json"),
      JSON.stringify({
        mediapackage_channel_group_name: "creator-channel",
        mediapackage_egress_domain: "abcde.egress.fixture.mediapackagev2.us-west-2.amazonaws.com",
      }),
    );
    const stateFile = path.join(cwd, fleetStateFile("creator-channel"));
    fs.mkdirSync(path.dirname(stateFile), { recursive: true });
    fs.writeFileSync(
      stateFile,
      JSON.stringify({
        creators: { creator1: { status: "succeeded", at: "2026-11-25T00:00:00.000Z" }, creator2: { status: "succeeded", at: "2026-11-25T00:00:00.000Z" } },
      }),
    );
    const r = runCli(
      ["media", "destroy", "creator-channel-creator1", "--yes", "--var-file", "shared.tfvars.json", "--dir", projectPath("examples"), "--modules", "modules"],
      { cwd },
    );
    expect(r.stderr).not.toMatch(/^Error:/m);
    expect(r.status).toBe(0);
    expect(Object.keys(readFleetState(stateFile).creators)).toEqual(["creator2"]);
  },
);
