/**
 * ModuleStack.toTerraform() skips cdktf's second resolution of the merged stack and its "//" metadata (a third of a
 * fleet synth). That is only sound while the skipped pass changes nothing: these tests hold it equal to cdktf's own
 * TerraformStack.toTerraform() for every example and a template's shared and fleet modules, so a cdktf upgrade that makes the
 * second pass matter fails here rather than in a user's module. The parts without tokens are copied rather than resolved
 * by cdktf (token-fast-path.ts), so this also holds that copy to cdktf's resolution of real modules.
 */
import { App, TerraformOutput, TerraformStack, TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { planPipeline } from "../../src/plans/pipeline-plan";
import { sharedModuleSpecs } from "../../src/synth/shared-modules";
import { ModuleStack } from "../../generators/module-stack";
import { PipelineConstruct } from "../../generators/pipeline";
import { SharedChannelGroup } from "../../generators/shared-channel-group";
import { FleetDashboard } from "../../generators/fleet-dashboard";
import { fleetModuleSpecs } from "../../src/synth/fleet-modules";
import { planFleetDashboard } from "../../src/plans/fleet-dashboard";

const loaded = loadPipelines([projectPath("examples")]).pipelines;
const examples = loaded.map((p) => p.resolved);

function bothRenderings(build: (stack: ModuleStack) => Construct): { ours: unknown; cdktf: Record<string, unknown> } {
  const stack = new ModuleStack(new App({ skipValidation: true, outdir: "/tmp/blackwell-cdktf" }), "module");
  build(stack);
  const ours = stack.toTerraform();
  const cdktf = TerraformStack.prototype.toTerraform.call(stack) as Record<string, unknown>;
  delete cdktf["//"];
  return { ours, cdktf };
}

test.each(examples.map((p) => [p.pipeline_id, p] as const))("%s: the module stack renders what cdktf's own toTerraform renders", (_id, pipeline) => {
  const { ours, cdktf } = bothRenderings((stack) => new PipelineConstruct(stack, "pipeline", { plan: planPipeline(pipeline), slateImageBase64: () => "AA==" }));
  expect(JSON.stringify(ours)).toBe(JSON.stringify(cdktf)); // key order too: it is the module's byte order
});

test("a template's shared module renders what cdktf's own toTerraform renders", () => {
  const specs = sharedModuleSpecs(examples);
  expect(specs.length).toBeGreaterThan(0);
  for (const spec of specs) {
    const { ours, cdktf } = bothRenderings((stack) => new SharedChannelGroup(stack, "shared", { spec }));
    expect(JSON.stringify(ours)).toBe(JSON.stringify(cdktf)); // key order too: it is the module's byte order
  }
});

test("a template's fleet dashboard module renders what cdktf's own toTerraform renders", () => {
  const specs = fleetModuleSpecs(loaded);
  expect(specs.length).toBeGreaterThan(0);
  for (const spec of specs) {
    const plan = planFleetDashboard(spec)!;
    const { ours, cdktf } = bothRenderings((stack) => new FleetDashboard(stack, "fleet", { spec, plan }));
    expect(JSON.stringify(ours)).toBe(JSON.stringify(cdktf)); // key order too: it is the module's byte order
  }
});

test("tokens are resolved and stack-level overrides are kept, without CDKTF's metadata", () => {
  const { ours } = bothRenderings((stack) => {
    const body = new Construct(stack, "body");
    const prefix = new TerraformVariable(body, "name_prefix", { type: "string" });
    new TerraformOutput(body, "greeting", { value: `${Token.asString(prefix.value)}-live` });
    stack.addOverride("terraform.required_version", ">= 1.5");
    return body;
  });
  expect(ours).toEqual({
    variable: { name_prefix: { type: "string" } },
    output: { greeting: { value: "${var.name_prefix}-live" } },
    terraform: { required_version: ">= 1.5" },
  });
});
