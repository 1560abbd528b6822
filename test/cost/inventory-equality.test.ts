/**
 * One model from definition to bill (issue 13, "Model"): the inventory the estimate prices for a
 * definition (from its plans, src/plans) equals the inventory read back from the terraform plan of the
 * module synthesized from it (src/cost/plan-inventory.ts on `terraform show -json`), for every example and a
 * random corpus. All modules share one offline root: one init, one validate, one plan.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { loadCatalog } from "../../src/core/catalog";
import { checkPipelineDocument, loadPipelines } from "../../src/core/definitions";
import { errorsOnly } from "../../src/core/problems";
import { projectPath } from "../../src/core/project-paths";
import { resolvePipeline, type ResolvedPipeline } from "../../src/core/resolve";
import { Inventory, inventoryOfPipeline } from "../../src/cost/inventory";
import { inventoriesOfPlan } from "../../src/cost/plan-inventory";
import { renderModulesFor } from "../../src/synth/module-render";
import { writeModule } from "../../src/synth/module-writer";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";
import { checkModulesWithTerraform, moduleKey, requireProviderMirror } from "../../src/validity/terraform-check";
import { validLiveDefinition } from "../support/definition-arbitrary";

const CORPUS_SIZE = 10;
const catalog = loadCatalog();
const examples = loadPipelines([projectPath("examples")]).pipelines.map((p) => p.resolved);
/**
 * The arbitrary draws CIDRs like 41.176.0.0/10 that the module's validation (cidrhost) accepts but the
 * provider rejects at plan time as not canonical; those draws are left out here (see the report on issue 15).
 */
function canonicalCidr(cidr: string): boolean {
  const [ip, bits] = cidr.split("/");
  const address = ip.split(".").reduce((a, x) => a * 256 + Number(x), 0);
  return address % 2 ** (32 - Number(bits)) === 0;
}
const plannable = (def: { sources: unknown[] }) =>
  errorsOnly(checkPipelineDocument(def, "corpus.json")).length === 0 &&
  def.sources.every((s) => typeof s === "string" || ((s as { allowed_cidrs?: string[] }).allowed_cidrs ?? []).every(canonicalCidr));
const corpus = fc
  .sample(validLiveDefinition, { numRuns: 4 * CORPUS_SIZE, seed: 20261201 })
  .filter(plannable)
  .slice(0, CORPUS_SIZE)
  .map((def, i) => resolvePipeline({ ...def, pipeline_id: `corpus_${i}_${def.pipeline_id}`.slice(0, 40) } as PipelineDefinition, catalog));
/** backend ivs (no example uses it): a private recorded STANDARD channel and a public BASIC one without recording. */
const ivs = [
  { pipeline_id: "ivs_private_recorded", transcode_profiles: ["abr_1080p"], outputs: ["cloudfront", "s3_archive"], access: "private", low_latency: true },
  { pipeline_id: "ivs_public_basic", transcode_profiles: ["720p"], outputs: ["cloudfront"], access: "public" },
].map((d) =>
  resolvePipeline(
    { pipeline_type: "live_stream", backend: "ivs", sources: ["rtmp"], region: "eu-west-1", tier: "standard", ...d } as PipelineDefinition,
    catalog,
  ),
);
const pipelines: ResolvedPipeline[] = [...examples, ...corpus, ...ivs];

/** Order carries no cost: compare inventories with their lists sorted. */
function canonical(inv: Inventory): Inventory {
  const byName = <T extends { name?: string; id?: string }>(xs: T[]) => [...xs].sort((a, b) => String(a.name ?? a.id).localeCompare(String(b.name ?? b.id)));
  const byGroup = (xs: NonNullable<Inventory["channelOutputs"]>) =>
    [...xs].sort((a, b) => `${a.group}/${a.encode.name}`.localeCompare(`${b.group}/${b.encode.name}`));
  return {
    ...inv,
    inputs: byName(inv.inputs),
    encodes: byName(inv.encodes),
    vodRenditions: byName(inv.vodRenditions),
    channelOutputs: byGroup(inv.channelOutputs ?? []),
    rtmpDestinations: byName(inv.rtmpDestinations ?? []),
  };
}

const skip = process.env.BLACKWELL_SKIP_TERRAFORM === "1";
(skip ? describe.skip : describe)("inventory from the definition = inventory from the terraform plan of its module", () => {
  let fromPlan = new Map<string, Inventory>();

  beforeAll(async () => {
    const mirror = requireProviderMirror()!;
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-inventory-"));
    const modules = renderModulesFor(pipelines).map((m) => {
      const p = pipelines.find((x) => x.pipeline_id === m.pipelineId);
      return {
        name: m.pipelineId,
        dir: writeModule(m, out),
        region: p?.region ?? examples[0].region,
        ...(p?.failover_region ? { failoverRegion: p.failover_region } : {}),
      };
    });
    const run = await checkModulesWithTerraform(modules, { mirror, plan: true, keepAwsccConfiguration: true });
    if (!run.ok || !run.planJson)
      throw new Error(`the shared root did not plan:\n${run.modules.flatMap((m) => m.errors.map((e) => `${m.name}: ${e}`)).join("\n")}`);
    fromPlan = new Map(inventoriesOfPlan(run.planJson).map((inv) => [inv.pipeline_id, inv]));
  });

  test.each(pipelines.map((p) => [p.pipeline_id, p] as const))("%s", (id, p) => {
    const planned = fromPlan.get(`module.${moduleKey(id)}`);
    expect(planned).toBeDefined();
    // The harness root configures one aliased provider per region, so the plan cannot name the module's region.
    expect(canonical({ ...planned!, pipeline_id: id, region: p.region })).toEqual(canonical(inventoryOfPipeline(p)));
  });

  test("the comparison covers what the drifts were about: archives of both pipelines, 2 s recordings, every job template output", () => {
    const all = [...fromPlan.values()];
    expect(all.some((i) => i.archive?.pipelines === 2)).toBe(true);
    expect(all.some((i) => i.archive?.segmentSeconds === 2)).toBe(true);
    expect(all.some((i) => i.vodRenditions.some((r) => r.name.startsWith("dash_")) && i.vodRenditions.some((r) => r.name.startsWith("hls_")))).toBe(true);
    expect(all.some((i) => i.cdn && i.segmentSeconds === 2)).toBe(true);
    // A failover region's channel is read from its own provider configuration's region, apart from the primary's.
    // The IVS channels' type and recording, read from aws_ivs_channel (its recording configuration is known after apply).
    expect(all.filter((i) => i.ivs).map((i) => [i.pipeline_id, i.ivs])).toEqual([
      ["module.ivs_private_recorded", { channelType: "STANDARD", recorded: true }],
      ["module.ivs_public_basic", { channelType: "BASIC", recorded: false }],
    ]);
    expect(all.filter((i) => i.failover).map((i) => [i.pipeline_id, i.failover!.region, i.failover!.channelOutputs.length > 0])).toEqual([
      ["module.two_region_live", "us-west-2", true],
    ]);
  });
});
