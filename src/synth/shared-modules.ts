/** Which shared modules a set of pipelines needs: plain data, so deciding it loads no generator. */
import type { SharedChannelGroupSpec } from "../../generators/shared-channel-group";
import { UserError } from "../core/problems";
import type { ResolvedPipeline } from "../core/resolve";

/**
 * One shared-module spec per template whose creators share a channel group. It depends only on the
 * template (not on which creators are being synthesized), so any subset writes the same bytes.
 */
export function sharedModuleSpecs(pipelines: ResolvedPipeline[]): SharedChannelGroupSpec[] {
  const byModule = new Map<string, ResolvedPipeline[]>();
  for (const p of pipelines)
    if (p.shared_channel_group) byModule.set(p.shared_channel_group.module_id, [...(byModule.get(p.shared_channel_group.module_id) ?? []), p]);
  return [...byModule.entries()].map(([moduleId, creators]) => {
    const regions = [...new Set(creators.map((c) => c.region))];
    // Checked when the template loads; this guards callers that build pipelines another way.
    if (regions.length > 1) throw new UserError(`creators sharing ${moduleId} are in ${regions.join(" and ")}; a channel group serves one region`);
    const clients = [...new Set(creators.map((c) => c.client_id))];
    return {
      templateId: creators[0].shared_channel_group!.template_id,
      moduleId,
      region: regions[0],
      ...(clients.length === 1 && clients[0] ? { clientId: clients[0] } : {}),
    };
  });
}
