/** Which fleet-dashboard modules a set of pipelines gets: plain data, so deciding it loads no generator. */
import type { FleetDashboardSpec } from "../../generators/fleet-dashboard";
import { fleetModuleId, type LoadedPipeline } from "../core/definitions";
import { planPipeline } from "../plans/pipeline-plan";
import type { FleetCreator } from "../plans/fleet-dashboard";

/** A creator's row: what its module runs (channel pipelines and output groups, a CDN) and where. */
function fleetCreator(p: LoadedPipeline): FleetCreator {
  const plan = planPipeline(p.resolved);
  return {
    id: p.template!.creator,
    title: p.resolved.title ?? p.template!.creator,
    region: p.resolved.region,
    ...(plan.live ? { live: { pipelines: plan.live.pipelines, outputGroups: plan.live.outputGroups } } : {}),
    cloudfront: !!plan.delivery,
  };
}

/**
 * One fleet-dashboard spec per template whose every creator is in `pipelines` (in the template's order): the module
 * depends on the whole template, so a synth of some creators (deploy-template --creators) leaves it as it is.
 */
export function fleetModuleSpecs(pipelines: LoadedPipeline[]): FleetDashboardSpec[] {
  const byTemplate = new Map<string, LoadedPipeline[]>();
  for (const p of pipelines) if (p.template) byTemplate.set(p.template.template_id, [...(byTemplate.get(p.template.template_id) ?? []), p]);
  return [...byTemplate.entries()].flatMap(([templateId, members]) => {
    const byCreator = new Map(members.map((p) => [p.template!.creator, p]));
    const all = members[0].template!.creators;
    if (!all.every((c) => byCreator.has(c))) return [];
    return [{ templateId, moduleId: fleetModuleId(templateId), creators: all.map((c) => fleetCreator(byCreator.get(c)!)) }];
  });
}
