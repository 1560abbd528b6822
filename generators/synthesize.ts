/**
 * Runs CDKTF for one resolved pipeline and returns the raw Terraform JSON plus, for each element,
 * the service scope it was declared in. No files are written here; the module writer decides bytes.
 */
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformElement } from "cdktf";
import type { Construct } from "constructs";
import { ModuleStack, terraformAddress } from "./module-stack";
import { PipelineConstruct, PipelineConstructProps } from "./pipeline";
import { applyCreationStackSetting } from "./cdktf-stack-traces";

// Before any stack is built: cdktf's per-token creation stacks cost a quarter of a large synth (see the file).
applyCreationStackSetting();

export interface SynthesizedStack {
  /** stack.toTerraform(): Terraform JSON with CDKTF's additions still in. */
  terraform: Record<string, unknown>;
  /** "resource.aws_medialive_channel.main" / "data.x.y" / "variable.x" / "output.x" / "local.x" -> service scope id. */
  serviceOf: Map<string, string>;
}

const CDKTF_SCRATCH_DIR = path.join(os.tmpdir(), "blackwell-cdktf");

export function synthesizeStack(props: PipelineConstructProps): SynthesizedStack {
  return synthesizeWith((stack) => new PipelineConstruct(stack, "pipeline", props));
}

/**
 * Synthesizes the module body `build` declares in a fresh module stack (a pipeline, a template's
 * shared module). The body's direct children are the services: each names the file its elements land in.
 */
export function synthesizeWith(build: (stack: ModuleStack) => Construct): SynthesizedStack {
  // skipValidation: a module has no provider block, which CDKTF's validation would otherwise demand.
  // CDKTF's App creates its outdir even though nothing is written there; keep it out of the user's folder.
  const app = new App({ skipValidation: true, outdir: CDKTF_SCRATCH_DIR });
  const stack = new ModuleStack(app, "module");
  const body = build(stack);
  const terraform = stack.toTerraform();
  const serviceOf = new Map<string, string>();
  for (const element of body.node.findAll().filter((c): c is TerraformElement => c instanceof TerraformElement)) {
    const scopes = element.node.scopes;
    const service = scopes[scopes.indexOf(body) + 1]?.node.id;
    if (!service) continue;
    // read from the element's kind and logical id: rendering it again with toTerraform() cost 5% of a fleet synth
    const address = terraformAddress(element);
    if (address) serviceOf.set(address, service);
  }
  return { terraform, serviceOf };
}
