/** Playback URLs from a deployed module: `terraform output -json` run in its folder, or saved to a file. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { UserError } from "../core/problems";

export interface PlaybackOutputs {
  hls?: string;
  dash?: string;
  cmaf?: string;
}

export function playbackFromOutputs(outputs: Record<string, { value?: unknown }>, source: string): PlaybackOutputs {
  const value = (name: string) => (typeof outputs[name]?.value === "string" ? (outputs[name].value as string) : undefined);
  const found = { hls: value("hls_playback_url"), dash: value("dash_playback_url"), cmaf: value("cmaf_playback_url") };
  if (!found.hls && !found.cmaf) throw new UserError(`${source} has no hls_playback_url or cmaf_playback_url output; is the module applied, and does the pipeline have a cloudfront output?`);
  return found;
}

export function readOutputsFile(file: string): PlaybackOutputs {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new UserError(`cannot read terraform outputs from ${file}: ${(err as Error).message}`);
  }
  return playbackFromOutputs(parsed as Record<string, { value?: unknown }>, file);
}

export function readOutputsFromTerraform(dir: string): PlaybackOutputs {
  const r = spawnSync("terraform", ["output", "-json"], { cwd: dir, encoding: "utf8" });
  if (r.error) throw new UserError(`cannot run terraform in ${dir}: ${r.error.message}; install Terraform or pass --outputs-file`);
  if (r.status !== 0) throw new UserError(`terraform output failed in ${dir}: ${r.stderr.trim()}`);
  return playbackFromOutputs(JSON.parse(r.stdout), `terraform output in ${dir}`);
}
