/** Playback URLs (and the live-status document's, when the module writes one) of an applied module: `terraform output -json` run in its root, or saved to a file. */
import * as fs from "node:fs";
import { UserError } from "../core/problems";
import { terraformBinary } from "../terraform/binary";
import { execTerraformSync } from "../terraform/runner";
import type { PlaybackUrls } from "./render";

type TerraformOutputs = Record<string, { value?: unknown } | undefined>;

/** What the player needs from an applied module: its manifests, and status/live.json when the module has the live_status_url output. */
export interface ModulePlayback extends PlaybackUrls {
  liveStatusUrl?: string;
}

/**
 * HLS from hls_playback_url, else cmaf_playback_url (MediaPackage serves CMAF as HLS), else ivs_playback_url (backend ivs);
 * DASH from dash_playback_url; live status from live_status_url. A module with server-side ad insertion has ssai_* outputs
 * too: the player then starts MediaTailor sessions (ads stitched in) from those instead.
 */
export function playbackFromOutputs(outputs: unknown, source: string): ModulePlayback {
  if (!outputs || typeof outputs !== "object" || Array.isArray(outputs))
    throw new UserError(`${source} is not the JSON object \`terraform output -json\` prints`);
  const o = outputs as TerraformOutputs;
  const value = (name: string) => (typeof o[name]?.value === "string" && o[name].value !== "" ? o[name].value : undefined);
  const ssai = value("ssai_hls_playback_url") ?? value("ssai_cmaf_playback_url") ?? value("ssai_dash_playback_url");
  const prefix = ssai ? "ssai_" : "";
  const urls = {
    hls: value(`${prefix}hls_playback_url`) ?? value(`${prefix}cmaf_playback_url`) ?? (ssai ? undefined : value("ivs_playback_url")),
    dash: value(`${prefix}dash_playback_url`),
  };
  if (!urls.hls && !urls.dash)
    throw new UserError(
      `${source} has no hls_playback_url, cmaf_playback_url, dash_playback_url or ivs_playback_url output; is the module applied, and does the pipeline have a cloudfront output?`,
    );
  const liveStatusUrl = value("live_status_url");
  return liveStatusUrl ? { ...urls, liveStatusUrl } : urls;
}

export function readOutputsFile(file: string): ModulePlayback {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UserError(`cannot read terraform outputs from ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file} is not JSON (save it with terraform output -json > ${file}): ${(err as Error).message}`);
  }
  return playbackFromOutputs(parsed, file);
}

export function readOutputsFromTerraform(dir: string, env: NodeJS.ProcessEnv = process.env): ModulePlayback {
  if (!fs.existsSync(dir)) throw new UserError(`no such folder: ${dir}`);
  const binary = terraformBinary(env);
  const r = execTerraformSync(["output", "-json", "-no-color"], { cwd: dir, env });
  if (r.error) throw new UserError(`cannot run ${binary} in ${dir} (${r.error.code ?? r.error.message}); install Terraform or pass --outputs-file`);
  if (r.status !== 0) throw new UserError(`terraform output failed in ${dir}: ${r.stderr.trim()}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.stdout);
  } catch {
    throw new UserError(`terraform output -json in ${dir} printed something that is not JSON`);
  }
  return playbackFromOutputs(parsed, `terraform output in ${dir}`);
}
