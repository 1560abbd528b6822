import type { CommandModule } from "yargs";
import { definitionsDirOption, jsonOption } from "../pipeline-options";

interface Args {
  dir?: string;
  config?: string;
  json: boolean;
}

export const listPipelinesCommand: CommandModule<object, Args> = {
  command: "list-pipelines",
  describe: "List the catalog's pipeline types and the pipelines defined in a folder",
  builder: (y) =>
    jsonOption(
      definitionsDirOption(
        y,
        "Folder of definitions to list",
        "default: your definitions folder, definitions_dir of blackwell.config.json or pipelines/, and the shipped examples",
      ),
      "Print as JSON",
    )
      .example("$0 media list-pipelines", "Types, your pipelines and the examples")
      .example("$0 media list-pipelines --dir pipelines/ --json", "Another folder, as JSON"),
  handler: async (args) => {
    const { definitionDirs } = await import("../definition-dirs");
    const { loadCatalog } = await import("../../core/catalog");
    const { loadPipelines } = await import("../../core/definitions");
    const { printJson, printTable } = await import("../output");
    const catalog = loadCatalog();
    const types = Object.entries(catalog.pipeline_types).map(([name, t]) => ({ name, ...t }));
    const dirs = await definitionDirs(args);
    const pipelines = dirs.flatMap((dir) =>
      loadPipelines([dir]).pipelines.map((p) => ({
        pipeline_id: p.resolved.pipeline_id,
        pipeline_type: p.resolved.pipeline_type,
        tier: p.resolved.tier,
        sources: p.resolved.sources.map((s) => s.kind),
        outputs: p.resolved.outputs.map((o) => o.id),
        rungs: p.resolved.rungs.map((r) => r.name),
        file: p.file,
      })),
    );
    if (args.json) return printJson({ pipeline_types: types, pipelines });
    printTable(
      ["TYPE", "LIVE", "VOD", "DESCRIPTION"],
      types.map((t) => [t.name, t.live ? "yes" : "-", t.vod ? "yes" : "-", t.description]),
    );
    process.stdout.write(`\nPipelines in ${dirs.join(", ") || args.dir || "pipelines"}:\n`);
    if (pipelines.length === 0) process.stdout.write("  (none)\n");
    else
      printTable(
        ["PIPELINE", "TYPE", "TIER", "SOURCES", "OUTPUTS", "FILE"],
        pipelines.map((p) => [p.pipeline_id, p.pipeline_type, p.tier, p.sources.join(","), p.outputs.join(","), p.file]),
      );
  },
};
