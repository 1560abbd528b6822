/**
 * Where pipeline ids are looked up, the same for every command: --dir when given; else the project's
 * definitions folder (definitions_dir of blackwell.config.json, default pipelines/, where create writes),
 * then the shipped examples. So create -> validate -> cost -> plan -> deploy -> status -> stream start
 * find the same definition from the project root, in any order. The --dir and --config options themselves are
 * pipeline-options.ts's definitionsDirOption.
 */

export const DEFAULT_DEFINITIONS_DIR = "pipelines";

export interface DefinitionDirArgs {
  dir?: string;
  config?: string;
}

/** The folder create writes into: --dir, else the configured definitions folder. */
export async function ownDefinitionsDir(args: DefinitionDirArgs): Promise<string> {
  if (args.dir) return args.dir;
  const { loadProjectConfig } = await import("../core/project-config");
  return loadProjectConfig(args.config).config.definitions_dir ?? DEFAULT_DEFINITIONS_DIR;
}

/** The folders ids are looked up in, in order (your definitions first); folders without definitions are left out. */
export async function definitionDirs(args: DefinitionDirArgs): Promise<string[]> {
  if (args.dir) return [args.dir];
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { projectPath } = await import("../core/project-paths");
  const { DEFINITION_EXTENSIONS } = await import("../core/parse-document");
  const candidates = [await ownDefinitionsDir(args), "examples", projectPath("examples")];
  const seen = new Set<string>();
  return candidates.filter((dir) => {
    const key = path.resolve(dir);
    if (seen.has(key)) return false;
    seen.add(key);
    return (
      fs.existsSync(dir) &&
      fs.statSync(dir).isDirectory() &&
      fs.readdirSync(dir).some((f) => DEFINITION_EXTENSIONS.has(path.extname(f).toLowerCase()) && !f.startsWith("."))
    );
  });
}

/**
 * The folders to look `name` up in: the first folder that defines it (a pipeline id, or a template's shared
 * module), so your definition of an id wins over an example's; every folder when none does (the error lists them).
 */
export async function lookupDirs(name: string, args: DefinitionDirArgs): Promise<string[]> {
  const dirs = await definitionDirs(args);
  if (dirs.length <= 1) return dirs.length ? dirs : [args.dir ?? DEFAULT_DEFINITIONS_DIR];
  const { loadPipelines } = await import("../core/definitions");
  const wanted = [name, name.replace(/-/g, "_")];
  for (const dir of dirs) {
    const { pipelines } = loadPipelines([dir]);
    if (
      pipelines.some((p) => wanted.includes(p.resolved.pipeline_id) || p.resolved.shared_channel_group?.module_id === name || p.template?.template_id === name)
    )
      return [dir];
  }
  return dirs;
}
