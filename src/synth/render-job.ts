/**
 * One module to render, as plain data that can cross to a worker thread, and the one function both the serial path and
 * the workers render it with; plus how a render failure crosses back so the caller sees the error the serial path throws.
 */
import type { FleetDashboardSpec } from "../../generators/fleet-dashboard";
import type { SharedChannelGroupSpec } from "../../generators/shared-channel-group";
import { Problem, UserError } from "../core/problems";
import type { ResolvedPipeline } from "../core/resolve";
import type { ModuleFiles } from "./module-writer";

export type RenderJob =
  { kind: "pipeline"; pipeline: ResolvedPipeline } | { kind: "shared"; spec: SharedChannelGroupSpec } | { kind: "fleet"; spec: FleetDashboardSpec };

export interface RenderedModule {
  module: ModuleFiles;
  ms: number;
}

/** Renders one job in this thread (loads the generators, and so CDKTF, on first use). */
export async function renderJob(job: RenderJob): Promise<RenderedModule> {
  // Before the generators load cdktf: it requires archiver and semver eagerly and never calls them for a module.
  (await import("../../generators/cdktf-lazy-dependencies")).deferCdktfDependencies();
  const { renderPipelineModule, renderSharedModule, renderFleetModule } = await import("./module-render");
  const started = performance.now();
  const module =
    job.kind === "pipeline" ? renderPipelineModule(job.pipeline) : job.kind === "shared" ? renderSharedModule(job.spec) : renderFleetModule(job.spec);
  return { module, ms: performance.now() - started };
}

/** An error as structured-clone data: its class name, message, stack, problems (UserError) and other own fields (code...). */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  problems?: Problem[];
  fields: Record<string, unknown>;
}

export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: "Error", message: String(err), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(err))
    if (key !== "problems" && key !== "exitCode" && ["string", "number", "boolean"].includes(typeof value)) fields[key] = value;
  return { name: err.name, message: err.message, stack: err.stack, problems: err instanceof UserError ? err.problems : undefined, fields };
}

/** The error the serial path would have thrown: a UserError stays a UserError (exit 1, its problems), others keep name and stack. */
export function deserializeError(e: SerializedError): Error {
  const err = e.name === "UserError" ? new UserError(e.message, e.problems ?? []) : Object.assign(new Error(e.message), e.fields);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}
