/**
 * Upload targets: a folder layout for static hosting, the Terraform Cloud / Enterprise private
 * registry API, and GitLab's Terraform module registry. Tokens come from the environment or
 * terraform's credentials file, never from flags.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError } from "../core/problems";
import { writeFileAtomic } from "../core/atomic-write";
import { ModuleCoordinates, tarballName } from "./package";

/** TF_TOKEN_<host> (dots as underscores), else ~/.terraform.d/credentials.tfrc.json. */
export function terraformToken(host: string, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string | undefined {
  const fromEnv = env[`TF_TOKEN_${host.replace(/\./g, "_").replace(/-/g, "__")}`];
  if (fromEnv) return fromEnv;
  const file = path.join(home, ".terraform.d", "credentials.tfrc.json");
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, "utf8")).credentials?.[host]?.token;
}

export interface PublishResult {
  target: string;
  location: string;
}

/** <dir>/<namespace>/<name>/<provider>/<version>.tar.gz plus versions.json, the shape a static registry serves. */
export function publishToFolder(tarball: string, c: ModuleCoordinates, dir: string): PublishResult {
  const moduleDir = path.join(dir, c.namespace, c.name, c.provider);
  const target = path.join(moduleDir, `${c.version}.tar.gz`);
  if (fs.existsSync(target))
    throw new UserError(`${c.namespace}/${c.name}/${c.provider} ${c.version} is already published at ${target}; publish a new version`);
  fs.mkdirSync(moduleDir, { recursive: true });
  fs.copyFileSync(tarball, target);
  const index = path.join(moduleDir, "versions.json");
  const versions: string[] = fs.existsSync(index) ? JSON.parse(fs.readFileSync(index, "utf8")).versions : [];
  writeFileAtomic(index, JSON.stringify({ versions: [...new Set([...versions, c.version])].sort() }, null, 2) + "\n");
  return { target: "folder", location: target };
}

async function call(url: string, init: RequestInit, what: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    throw new UserError(`${what}: cannot reach ${url} (${(err as Error).message})`);
  }
  return res;
}

/** Terraform Cloud / Enterprise: create the module (if new), create the version, upload to the returned link. */
export async function publishToTerraformCloud(tarball: string, c: ModuleCoordinates, registry: string, token: string | undefined): Promise<PublishResult> {
  const host = new URL(registry).host;
  if (!token) throw new UserError(`no token for ${host}: set TF_TOKEN_${host.replace(/\./g, "_")} or run terraform login ${host}`);
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/vnd.api+json" };
  const api = `${registry.replace(/\/$/, "")}/api/v2`;
  const org = c.namespace;
  const versions = await call(`${api}/organizations/${org}/registry-modules/private/${org}/${c.name}/${c.provider}`, { headers }, "Terraform registry");
  if (versions.ok) {
    const body = (await versions.json()) as { data?: { attributes?: { "version-statuses"?: Array<{ version: string }> } } };
    if (body.data?.attributes?.["version-statuses"]?.some((v) => v.version === c.version))
      throw new UserError(`${org}/${c.name}/${c.provider} ${c.version} is already published on ${host}; publish a new version`);
  } else {
    const created = await call(
      `${api}/organizations/${org}/registry-modules`,
      {
        method: "POST",
        headers,
        body: JSON.stringify({
          data: { type: "registry-modules", attributes: { name: c.name, provider: c.provider, "registry-name": "private", "no-code": false } },
        }),
      },
      "Terraform registry",
    );
    if (!created.ok) throw new UserError(`creating module ${org}/${c.name}/${c.provider} on ${host} failed: HTTP ${created.status} ${await created.text()}`);
  }
  const version = await call(
    `${api}/organizations/${org}/registry-modules/private/${org}/${c.name}/${c.provider}/versions`,
    { method: "POST", headers, body: JSON.stringify({ data: { type: "registry-module-versions", attributes: { version: c.version } } }) },
    "Terraform registry",
  );
  if (!version.ok) throw new UserError(`creating version ${c.version} on ${host} failed: HTTP ${version.status} ${await version.text()}`);
  const upload = ((await version.json()) as { data?: { links?: { upload?: string } } }).data?.links?.upload;
  if (!upload) throw new UserError(`${host} returned no upload link for ${c.version}`);
  const put = await call(
    upload,
    { method: "PUT", headers: { "Content-Type": "application/octet-stream" }, body: fs.readFileSync(tarball) },
    "Terraform registry upload",
  );
  if (!put.ok) throw new UserError(`uploading ${tarballName(c)} failed: HTTP ${put.status}`);
  return { target: "terraform-cloud", location: `${host}/${org}/${c.name}/${c.provider}/${c.version}` };
}

/** GitLab: PUT /api/v4/projects/:id/packages/terraform/modules/:name/:system/:version/file. */
export async function publishToGitLab(
  tarball: string,
  c: ModuleCoordinates,
  gitlab: string,
  projectId: string,
  token: string | undefined,
): Promise<PublishResult> {
  if (!token) throw new UserError("no GitLab token: set GITLAB_TOKEN (a token with api scope) or CI_JOB_TOKEN in CI");
  const url = `${gitlab.replace(/\/$/, "")}/api/v4/projects/${encodeURIComponent(projectId)}/packages/terraform/modules/${c.name}/${c.provider}/${c.version}/file`;
  const res = await call(
    url,
    { method: "PUT", headers: { "PRIVATE-TOKEN": token, "Content-Type": "application/octet-stream" }, body: fs.readFileSync(tarball) },
    "GitLab registry",
  );
  if (res.status === 403 || res.status === 409 || res.status === 400) {
    const text = await res.text();
    if (/already exists|duplicate/i.test(text) || res.status === 409)
      throw new UserError(`${c.name}/${c.provider} ${c.version} is already published in GitLab project ${projectId}; publish a new version`);
    throw new UserError(`GitLab refused the upload: HTTP ${res.status} ${text}`);
  }
  if (!res.ok) throw new UserError(`GitLab upload failed: HTTP ${res.status} ${await res.text()}`);
  return { target: "gitlab", location: url.replace(/\/file$/, "") };
}
