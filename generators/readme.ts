/** The module README, rendered from templates/module/README.md.hbs with terraform-docs style tables. */
import * as fs from "node:fs";
import Handlebars from "handlebars";
import type { ResolvedPipeline } from "../src/core/resolve";
import { projectPath } from "../src/core/project-paths";
import { moduleVariables } from "./example";

type Json = Record<string, unknown>;

let template: Handlebars.TemplateDelegate | undefined;

const cell = (s: unknown) => String(s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderModuleReadme(pipeline: ResolvedPipeline, docs: Map<string, Json>): string {
  template ??= Handlebars.compile(fs.readFileSync(projectPath("templates", "module", "README.md.hbs"), "utf8"), { noEscape: true, strict: true });
  const inputs = Object.entries(moduleVariables(docs))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, v]) => ({
      name,
      description: cell(v.description),
      type: cell(v.type),
      default: v.default === undefined ? "n/a" : cell("`" + JSON.stringify(v.default) + "`"),
      required: v.default === undefined ? "yes" : "no",
      sensitive: v.sensitive ? " (sensitive)" : "",
    }));
  const outputs = Object.entries((docs.get("outputs.tf.json")?.output ?? {}) as Record<string, { description?: string }>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, o]) => ({ name, description: cell(o.description) }));
  const files = [...docs.entries()]
    .filter(([, d]) => d.resource || d.data)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, d]) => ({
      file,
      resources: Object.entries((d.resource ?? {}) as Record<string, Json>).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)).sort(),
    }))
    .filter((f) => f.resources.length);
  const required = inputs.filter((i) => i.required === "yes");
  return template({
    pipeline,
    rungs: pipeline.rungs.map((r) => ({ ...r, kbps: r.bitrate ? Math.round(r.bitrate / 1000) : undefined, audio_kbps: Math.round(r.audio_bitrate / 1000) })),
    inputs,
    outputs,
    files,
    required,
    moduleName: pipeline.pipeline_id.replace(/-/g, "_"),
  });
}
