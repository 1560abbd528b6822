/** Random valid definitions all synthesize into well-formed, deterministic modules. */
import fc from "fast-check";
import { checkPipelineDocument } from "../../src/core/definitions";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { errorsOnly } from "../../src/core/problems";
import { renderPipelineModule as renderModule } from "../../src/synth/module-render";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";
import { validLiveDefinition } from "../support/definition-arbitrary";

/** Every `${type.name...}` reference in a module points at something the module declares. */
export function danglingReferences(files: Map<string, string>): string[] {
  const declared = new Set<string>();
  const docs = [...files.entries()].filter(([f]) => f.endsWith(".tf.json") && !f.startsWith("examples/")).map(([, c]) => JSON.parse(c));
  for (const d of docs) {
    for (const [type, byName] of Object.entries(d.resource ?? {})) for (const name of Object.keys(byName as object)) declared.add(`${type}.${name}`);
    for (const [type, byName] of Object.entries(d.data ?? {})) for (const name of Object.keys(byName as object)) declared.add(`data.${type}.${name}`);
    for (const name of Object.keys(d.variable ?? {})) declared.add(`var.${name}`);
    for (const name of Object.keys(d.locals ?? {})) declared.add(`local.${name}`);
  }
  const missing = new Set<string>();
  for (const d of docs) {
    for (const m of JSON.stringify(d).matchAll(/\$\{([^}]*)\}/g)) {
      for (const ref of m[1].matchAll(/\b(data\.[a-z0-9_]+\.[a-z0-9_]+|var\.[a-z0-9_]+|local\.[a-z0-9_]+|aws[a-z0-9]*_[a-z0-9_]+\.[a-z0-9_]+)/g)) {
        if (!declared.has(ref[1])) missing.add(ref[1]);
      }
    }
  }
  return [...missing];
}

test("random valid live/hybrid definitions validate, synthesize deterministically and reference only declared things", () => {
  const catalog = loadCatalog();
  fc.assert(
    fc.property(validLiveDefinition, (def) => {
      expect(errorsOnly(checkPipelineDocument(def, "corpus.json"))).toEqual([]);
      const resolved = resolvePipeline(def as PipelineDefinition, catalog);
      const first = renderModule(resolved);
      const second = renderModule(resolved);
      expect([...second.files.entries()]).toEqual([...first.files.entries()]);
      expect(danglingReferences(first.files)).toEqual([]);
      const medialive = JSON.parse(first.files.get("medialive.tf.json")!);
      const channel = medialive.resource.aws_medialive_channel.main;
      const videos = new Set(channel.encoder_settings.video_descriptions.map((v: { name: string }) => v.name));
      const audios = new Set(channel.encoder_settings.audio_descriptions.map((a: { name: string }) => a.name));
      const destinations = new Set(channel.destinations.map((d: { id: string }) => d.id));
      for (const group of channel.encoder_settings.output_groups)
        for (const out of group.outputs) {
          if (out.video_description_name) expect(videos).toContain(out.video_description_name);
          for (const a of out.audio_description_names ?? []) expect(audios).toContain(a);
          const ref = out.output_settings.rtmp_output_settings?.destination.destination_ref_id;
          if (ref) expect(destinations).toContain(ref);
        }
      for (const group of channel.encoder_settings.output_groups) {
        const ref = group.output_group_settings.hls_group_settings?.destination.destination_ref_id;
        if (ref) expect(destinations).toContain(ref);
      }
    }),
    { numRuns: 60, seed: 20261124 },
  );
});
