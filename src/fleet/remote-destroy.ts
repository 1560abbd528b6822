/**
 * destroy-template --remote tfc: a destroy run (auto-applied: the user confirmed) in each chosen creator's workspace,
 * then the shared channel group's workspace once no creator workspace of the template holds resources.
 */
import type { DestroyTemplateResult, SharedDestroyResult } from "./destroy-template";
import { RemoteSettings, RunOutcome, requireOrganization, runToEnd } from "./remote-deploy";
import * as fs from "node:fs";
import { FleetResult, StepPending, TemplateFleetOptions, fleetStateFile, forgetCreators, readFleetState, runFleet, writeFleetState } from "./run-fleet";
import type { TfcResource } from "./tfc-client";

export interface RemoteDestroyOptions extends TemplateFleetOptions {
  keepShared: boolean;
  remote: RemoteSettings;
}

export async function destroyTemplateRemote(o: RemoteDestroyOptions): Promise<DestroyTemplateResult> {
  await requireOrganization(o.remote);
  const byCreator = new Map(o.pipelines.map((p) => [p.template!.creator, p]));
  const templateId = o.pipelines[0].template!.template_id;
  const results: FleetResult[] = await runFleet({
    creators: o.creators,
    concurrency: o.concurrency,
    step: async (creator) => {
      const workspace = await workspaceOf(o.remote, byCreator.get(creator)!.resolved.pipeline_id);
      if (!workspace) return { skipped: "no workspace" };
      if (workspace.attributes["resource-count"] === 0) return { skipped: "nothing deployed" };
      return destroyResult(
        await runToEnd(o.remote, workspace, { message: `blackwell destroy-template ${templateId}`, planOnly: false, autoApply: true, isDestroy: true }),
      );
    },
    onProgress: o.onProgress,
  });
  // What is gone must be deployed again by the next deploy-template --remote, not skipped as done.
  forgetCreators(
    fleetStateFile(`${templateId}.tfc`, o.stateDir),
    results.filter((r) => r.status !== "failed").map((r) => r.creator),
  );
  const joiner = o.pipelines.find((p) => p.resolved.shared_channel_group);
  if (!joiner) return { results };
  return { results, shared: await destroySharedRemote(o, joiner.resolved.shared_channel_group!.module_id, templateId, results) };
}

async function destroySharedRemote(o: RemoteDestroyOptions, moduleId: string, templateId: string, results: FleetResult[]): Promise<SharedDestroyResult> {
  try {
    const workspace = await workspaceOf(o.remote, moduleId);
    if (!workspace || workspace.attributes["resource-count"] === 0) return { module_id: moduleId, status: "not deployed" };
    // Every creator of the template counts, not only the ones chosen: a group with channels cannot be deleted.
    const remaining: string[] = [];
    for (const p of o.pipelines.filter((p) => p.resolved.shared_channel_group)) {
      const result = results.find((r) => r.creator === p.template!.creator);
      if (result) {
        if (result.status !== "succeeded" && result.status !== "skipped") remaining.push(p.template!.creator); // failed, or its run not done
        continue;
      }
      const ws = await workspaceOf(o.remote, p.resolved.pipeline_id);
      if (ws && ws.attributes["resource-count"] !== 0) remaining.push(p.template!.creator);
    }
    if (remaining.length) return { module_id: moduleId, status: "kept", detail: `still used by ${remaining.join(", ")}` };
    if (o.keepShared) return { module_id: moduleId, status: "kept", detail: "--keep-shared" };
    const pending = destroyResult(
      await runToEnd(o.remote, workspace, { message: `blackwell destroy-template ${templateId}`, planOnly: false, autoApply: true, isDestroy: true }),
    );
    if (pending) return { module_id: moduleId, status: "failed", detail: pending.detail };
    forgetSharedRun(fleetStateFile(`${templateId}.tfc`, o.stateDir));
    return { module_id: moduleId, status: "destroyed" };
  } catch (err) {
    return { module_id: moduleId, status: "failed", detail: (err as Error).message };
  }
}

/** The next deploy must not pick up a run the shared module had before it was destroyed. */
function forgetSharedRun(file: string): void {
  if (!fs.existsSync(file)) return;
  const state = readFleetState(file);
  if (!state.shared) return;
  delete state.shared;
  writeFleetState(file, state);
}

/** Applied (or nothing to destroy) is done; a failed run throws; one waiting for a policy decision or still going is pending. */
function destroyResult(outcome: RunOutcome): void | StepPending {
  if (outcome.result === "applied" || outcome.result === "finished") return;
  if (outcome.result === "failed") throw new Error(outcome.line);
  return { status: outcome.result === "timed_out" ? "timed_out" : "planned", detail: outcome.line, run: outcome.run };
}

async function workspaceOf(r: RemoteSettings, moduleId: string): Promise<(TfcResource & { name: string }) | undefined> {
  const name = r.workspaceName.replace("{pipeline}", moduleId);
  const res = await r.client.request("GET", `/organizations/${encodeURIComponent(r.organization)}/workspaces/${encodeURIComponent(name)}`, undefined, {
    missingOk: true,
  });
  return res ? { ...(res.data as TfcResource), name } : undefined;
}
