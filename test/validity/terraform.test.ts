/**
 * Every committed example module passes real `terraform validate` and `terraform plan` with the real
 * hashicorp/aws provider (offline, from the machine's filesystem mirror); a deliberately broken
 * resource fails validation, so this check can fail.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { writeModule } from "../../generators/module-writer";
import { renderPipelineModule as renderModule } from "../../src/core/module-render";
import { HarnessResult, checkModulesWithTerraform, findProviderMirror } from "../../src/validity/terraform-harness";

/** Terraform's error summaries with the resource they point at, without the echoed source lines. */
const errorsIn = (output: string | undefined) => (output ?? "").split("\n").filter((l) => /^\s*(Error:|with )/.test(l)).map((l) => l.trim());

const mirror = findProviderMirror();
const skip = process.env.BLACKWELL_SKIP_TERRAFORM === "1";
const modules = loadPipelines([projectPath("examples")]).pipelines.map((p) => ({ name: p.resolved.pipeline_id, dir: projectPath("modules", p.resolved.pipeline_id), region: p.resolved.region }));

/** The longest pipeline id with every feature on: every generated name must still fit AWS's limits. */
function longestNamesModule() {
  const definition = {
    pipeline_id: "a-pipeline-id-of-28-chars-xy",
    pipeline_type: "hybrid",
    sources: [{ type: "rtmp", allowed_cidrs: ["198.51.100.0/24"] }, "elemental_link"],
    transcode_profiles: ["abr_1080p", "audio_only"],
    outputs: ["cloudfront", "youtube", "rtmps://live.example.com:443/app", "s3_archive"],
    access: "private",
    region: "eu-central-1",
    tier: "enterprise",
  };
  const resolved = resolvePipeline(definition as never, loadCatalog());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-longest-"));
  return { name: resolved.pipeline_id, dir: writeModule(renderModule(resolved), dir), region: resolved.region };
}

const maybe = skip ? describe.skip : describe;

maybe("terraform validate and plan on the example modules", () => {
  let result: HarnessResult;

  beforeAll(() => {
    if (!mirror)
      throw new Error(
        "No hashicorp/aws provider mirror found (a folder holding registry.terraform.io/hashicorp/aws/<version>). " +
          "Set BLACKWELL_TF_PLUGIN_MIRROR to it, or BLACKWELL_SKIP_TERRAFORM=1 to skip these checks knowingly.",
      );
    modules.push(longestNamesModule());
    result = checkModulesWithTerraform(modules, { mirror, plan: true });
  }, 600_000);

  test("init installs the provider from the mirror", () => {
    expect(errorsIn(result.init.stderr)).toEqual([]);
    expect(result.init.status).toBe(0);
  });

  test("validate reports no errors", () => {
    expect(result.validate.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.validate.status).toBe(0);
  });

  test("plan creates every hashicorp/aws resource of every module", () => {
    expect(errorsIn(result.plan?.stderr)).toEqual([]);
    expect(result.plan?.status).toBe(0);
    for (const m of modules) {
      const declared = fs
        .readdirSync(m.dir)
        .filter((f) => f.endsWith(".tf.json"))
        .map((f) => JSON.parse(fs.readFileSync(path.join(m.dir, f), "utf8")).resource ?? {})
        .flatMap((byType: Record<string, object>) => Object.entries(byType).filter(([t]) => t.startsWith("aws_")).flatMap(([, byName]) => Object.keys(byName)));
      expect({ module: m.name, planned: result.plan!.resourcesToAdd[m.name.replace(/-/g, "_")] }).toEqual({ module: m.name, planned: declared.length });
    }
  });
});

maybe("a deliberately broken resource fails terraform validate", () => {
  test("a malformed role ARN on the MediaLive channel is rejected by the provider", () => {
    if (!mirror) throw new Error("No hashicorp/aws provider mirror found; set BLACKWELL_TF_PLUGIN_MIRROR or BLACKWELL_SKIP_TERRAFORM=1.");
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-broken-"));
    const studio = modules.find((m) => m.name === "studio_live_feed")!;
    fs.cpSync(studio.dir, broken, { recursive: true });
    const file = path.join(broken, "medialive.tf.json");
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    doc.resource.aws_medialive_channel.main.role_arn = "arn:aws:iam::not-an-account:role";
    fs.writeFileSync(file, JSON.stringify(doc));
    const result = checkModulesWithTerraform([{ ...studio, dir: broken }], { mirror, plan: false });
    expect(result.validate.status).not.toBe(0);
    expect(JSON.stringify(result.validate.diagnostics)).toMatch(/role_arn|ARN/);
  }, 600_000);
});
