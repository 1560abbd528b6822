/**
 * Offline provider installation: a local filesystem mirror of registry.terraform.io providers (the
 * machine image carries hashicorp/aws there) and a CLI configuration that installs only from it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const MIRROR_SEARCH_ROOTS = ["/opt", "/usr/share", "/usr/local/share", "/usr/local/lib", os.homedir()];

/** The folder holding registry.terraform.io/hashicorp/aws/<version>, or undefined. */
export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const holdsAws = (dir: string) => fs.existsSync(path.join(dir, "registry.terraform.io", "hashicorp", "aws"));
  if (env.BLACKWELL_TF_PLUGIN_MIRROR) return holdsAws(env.BLACKWELL_TF_PLUGIN_MIRROR) ? env.BLACKWELL_TF_PLUGIN_MIRROR : undefined;
  const visit = (dir: string, depth: number): string | undefined => {
    if (holdsAws(dir)) return dir;
    if (depth === 0) return undefined;
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return undefined;
    }
    for (const e of entries)
      if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") {
        const hit = visit(path.join(dir, e.name), depth - 1);
        if (hit) return hit;
      }
    return undefined;
  };
  for (const root of MIRROR_SEARCH_ROOTS) {
    const hit = visit(root, 2);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * CLI configuration for offline runs. No plugin cache: terraform links an unpacked mirror's provider into each root
 * (0.6 s, no copy) by itself, and a shared cache is what concurrent inits and plans race on.
 */
export function cliConfigFor(mirror: string): string {
  return `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
`;
}
