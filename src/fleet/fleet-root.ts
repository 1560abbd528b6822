/** A module's working root as deploy-template and destroy-template both make it. */
import * as path from "node:path";
import { WorkingRoot, prepareWorkingRoot } from "../terraform/working-root";
import type { TemplateFleetOptions } from "./run-fleet";

/**
 * The same settings every time (tags, backend), so a destroy after a deploy re-initializes nothing; a creator's
 * resources also carry its Creator tag.
 */
export function fleetRoot(o: TemplateFleetOptions, moduleId: string, region: string, extra: { creator?: string; offline?: boolean } = {}): WorkingRoot {
  return prepareWorkingRoot({
    pipelineId: moduleId,
    moduleDir: path.join(o.modulesDir, moduleId),
    region,
    workDir: o.workDir,
    defaultTags: { ...(o.defaultTags ?? {}), ...(extra.creator ? { Creator: extra.creator } : {}) },
    backend: o.backendFor?.(moduleId),
    offline: extra.offline,
  });
}
