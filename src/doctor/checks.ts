/**
 * blackwell media doctor: is this machine and project ready to plan, deploy and run pipelines? Each check is
 * pass, warn or fail with a fix hint. Checks that need AWS take their clients as arguments (tests mock them).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import type { LoadedPipeline } from "../core/definitions";

export type CheckStatus = "pass" | "warn" | "fail";

export interface CheckResult {
  id: string;
  status: CheckStatus;
  message: string;
  /** What to do about a warn or fail. */
  fix?: string;
}

const result = (id: string, status: CheckStatus, message: string, fix?: string): CheckResult => ({ id, status, message, ...(fix ? { fix } : {}) });

export const MINIMUM_NODE_MAJOR = 20;

export function checkNode(version = process.versions.node): CheckResult {
  const major = Number(version.split(".")[0]);
  return major >= MINIMUM_NODE_MAJOR
    ? result("node", "pass", `Node.js ${version}`)
    : result(
        "node",
        "fail",
        `Node.js ${version} is older than ${MINIMUM_NODE_MAJOR}`,
        `install Node.js ${MINIMUM_NODE_MAJOR} or newer (22 for AWS SDK releases after January 2027)`,
      );
}

export async function checkTerraformInstalled(env: NodeJS.ProcessEnv = process.env): Promise<CheckResult> {
  const { checkTerraform } = await import("../terraform/binary");
  try {
    const { binary, version } = checkTerraform(env);
    return result("terraform", "pass", `terraform ${version} (${binary})`);
  } catch (err) {
    return result(
      "terraform",
      "fail",
      (err as Error).message,
      "install terraform 1.5 or newer (https://developer.hashicorp.com/terraform/install), or set BLACKWELL_TERRAFORM to its path",
    );
  }
}

/** hashicorp/aws from a filesystem mirror, else from the registry (reachable?). */
export async function checkProvider(env: NodeJS.ProcessEnv = process.env, reach: (url: string) => Promise<boolean> = reachable): Promise<CheckResult> {
  const { findProviderMirror } = await import("../terraform/mirror");
  const mirror = findProviderMirror(env);
  if (mirror) return result("provider", "pass", `hashicorp/aws from the filesystem mirror ${mirror} (offline plans work)`);
  if (await reach("https://registry.terraform.io/.well-known/terraform.json"))
    return result(
      "provider",
      "warn",
      "no filesystem mirror: hashicorp/aws and hashicorp/awscc come from registry.terraform.io (reachable); --offline plans need a mirror",
      "set BLACKWELL_TF_PLUGIN_MIRROR to a folder holding registry.terraform.io/hashicorp/aws/<version> for offline plans",
    );
  return result(
    "provider",
    "fail",
    "no filesystem mirror and registry.terraform.io is not reachable: terraform cannot install hashicorp/aws",
    "set BLACKWELL_TF_PLUGIN_MIRROR to a provider mirror (terraform providers mirror <dir> on a connected machine), or allow HTTPS to registry.terraform.io",
  );
}

async function reachable(url: string): Promise<boolean> {
  try {
    const r = await fetch(url, { method: "GET", signal: AbortSignal.timeout(4000) });
    return r.ok;
  } catch {
    return false;
  }
}

/** Credentials and region the AWS SDK would use (no call to AWS is made). */
export async function checkAwsCredentials(resolve: () => Promise<{ region?: string; accessKeyId?: string }>): Promise<CheckResult> {
  const { awsFailureLine } = await import("../aws/errors");
  try {
    const { region, accessKeyId } = await resolve();
    if (!region)
      return result(
        "aws",
        "warn",
        `AWS credentials found (${mask(accessKeyId)}) but no default region; each pipeline's region is used`,
        "set AWS_REGION (or region in your AWS profile) for commands without a pipeline",
      );
    return result("aws", "pass", `AWS credentials (${mask(accessKeyId)}), region ${region}`);
  } catch (err) {
    return result(
      "aws",
      "warn",
      awsFailureLine(err) ?? (err as Error).message,
      "deploy, status and stream need AWS credentials: aws configure or aws sso login, then set AWS_PROFILE",
    );
  }
}

const mask = (key?: string) => (key ? `${key.slice(0, 4)}...${key.slice(-2)}` : "key");

/** The MediaLive channels a region holds: each live pipeline's own, and the second channel of a pipeline failing over to it. */
function channelsIn(pipelines: LoadedPipeline[], region: string): { primary: LoadedPipeline[]; failover: LoadedPipeline[] } {
  const live = pipelines.filter((p) => p.resolved.live);
  return { primary: live.filter((p) => p.resolved.region === region), failover: live.filter((p) => p.resolved.failover_region === region) };
}

/** What the definitions need per region against the account's quotas: MediaLive channels, MediaPackage v2 channel groups (failover regions included). */
export async function checkQuotas(pipelines: LoadedPipeline[], quotasIn: (region: string) => Pick<ServiceQuotasClient, "send">): Promise<CheckResult[]> {
  const { ListServiceQuotasCommand } = await import("@aws-sdk/client-service-quotas");
  const { awsFailureLine } = await import("../aws/errors");
  const live = pipelines.filter((p) => p.resolved.live);
  const regions = [...new Set(live.flatMap((p) => [p.resolved.region, ...(p.resolved.failover_region ? [p.resolved.failover_region] : [])]))].sort();
  const results: CheckResult[] = [];
  for (const region of regions) {
    const { primary, failover } = channelsIn(pipelines, region);
    // Each pipeline has one channel; creators sharing a channel group count that group once. A failover channel has a
    // channel group of its own in its region (validation refuses a shared group with a failover region).
    const groups = new Set(primary.map((p) => p.resolved.shared_channel_group?.module_id ?? p.resolved.pipeline_id)).size + failover.length;
    const channels = primary.length + failover.length;
    const needs = [
      { service: "medialive", label: "MediaLive channels", need: channels, name: /^channels$/i },
      { service: "mediapackagev2", label: "MediaPackage v2 channel groups", need: groups, name: /channel groups/i },
    ];
    // Say which of the need is failover channels, so the count matches what the operator sees in each region's console.
    const ofFailover = failover.length ? ` (${failover.length} for failover of ${failover.map((p) => p.resolved.pipeline_id).join(", ")})` : "";
    for (const n of needs) {
      const id = `quota:${n.service}:${region}`;
      try {
        const quotas = [];
        let NextToken: string | undefined;
        do {
          const r = await quotasIn(region).send(new ListServiceQuotasCommand({ ServiceCode: n.service, NextToken }));
          quotas.push(...(r.Quotas ?? []));
          NextToken = r.NextToken;
        } while (NextToken);
        const q = quotas.find((x) => n.name.test((x.QuotaName ?? "").trim()));
        if (!q || q.Value === undefined)
          results.push(
            result(id, "warn", `${n.label} in ${region}: no such quota listed for ${n.service}`, `check the quota in the Service Quotas console (${region})`),
          );
        else if (n.need > q.Value)
          results.push(
            result(
              id,
              "fail",
              `${n.label} in ${region}: the definitions need ${n.need}${ofFailover}, the quota (${q.QuotaCode}) is ${q.Value}`,
              `request an increase of ${q.QuotaCode} in Service Quotas (${region}), or deploy fewer pipelines there`,
            ),
          );
        else
          results.push(
            result(
              id,
              "pass",
              `${n.label} in ${region}: the definitions need ${n.need}${ofFailover} of ${q.Value} (${q.QuotaCode}; channels you already run count too)`,
            ),
          );
      } catch (err) {
        results.push(
          result(
            id,
            "warn",
            `${n.label} in ${region}: quotas not read: ${awsFailureLine(err) ?? (err as Error).message}`,
            "allow servicequotas:ListServiceQuotas, or check the quotas in the console",
          ),
        );
      }
    }
  }
  return results;
}

/** A temporary sibling of an atomic write (.<name>.tmp-<pid>-<ms> or .<name>.new-<pid>-<ms>) whose process is gone. */
const TEMP = /^\..+\.(tmp|new)-(\d+)-\d+$/;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
};

export function checkLeftovers(folders: string[]): CheckResult {
  const found: string[] = [];
  const scan = (dir: string, depth: number) => {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const m = e.name.match(TEMP);
      if (m && !alive(Number(m[2]))) found.push(path.join(dir, e.name));
      else if (e.isDirectory() && depth > 0 && !e.name.startsWith(".terraform")) scan(path.join(dir, e.name), depth - 1);
    }
  };
  for (const f of folders) scan(f, 2);
  if (found.length === 0) return result("leftovers", "pass", `no temporary folders from interrupted runs in ${folders.join(", ")}`);
  return result(
    "leftovers",
    "warn",
    `${found.length} left by interrupted runs: ${found.join(", ")}`,
    `remove them: rm -rf ${found.map((f) => `'${f}'`).join(" ")}`,
  );
}

/** Saved plans hold every input in clear text, secrets included: only their owner may read them. */
export function checkPlanFiles(workDir: string, planFile: string): CheckResult {
  const open: string[] = [];
  if (fs.existsSync(workDir))
    for (const root of fs.readdirSync(workDir)) {
      const file = path.join(workDir, root, planFile);
      if (fs.existsSync(file) && (fs.statSync(file).mode & 0o044) !== 0) open.push(file);
    }
  if (open.length === 0) return result("plan-files", "pass", `saved plans in ${workDir} are readable by their owner only`);
  return result(
    "plan-files",
    "fail",
    `saved plans readable by others (they hold the module inputs, secrets included): ${open.join(", ")}`,
    `chmod 600 ${open.join(" ")}`,
  );
}
