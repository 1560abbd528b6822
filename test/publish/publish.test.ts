/**
 * Publishing: the packaged module is fetched by real `terraform get` from a 127.0.0.1 address, and
 * the uploads follow the Terraform Cloud and GitLab registry APIs (checked against a recording server).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import * as tar from "tar";
import { projectPath } from "../../src/core/project-paths";
import { packModule } from "../../src/publish/package";
import { publishToGitLab, publishToTerraformCloud, terraformToken } from "../../src/publish/registries";
import { runCli } from "../support/cli";

interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function recordingServer(
  respond: (r: Recorded, base: string) => { status: number; body?: unknown },
): Promise<{ base: string; requests: Recorded[]; close: () => Promise<void> }> {
  const requests: Recorded[] = [];
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        const r = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) };
        requests.push(r);
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const out = respond(r, base);
        res
          .writeHead(out.status, { "content-type": "application/vnd.api+json" })
          .end(out.body === undefined ? "" : Buffer.isBuffer(out.body) ? out.body : JSON.stringify(out.body));
      });
    });
    server.listen(0, "127.0.0.1", () =>
      resolve({
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      }),
    );
  });
}

const coordinates = { namespace: "acme", name: "studio-live-feed", provider: "aws", version: "1.2.0" };
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "bmf-publish-"));

test("the tarball has the standard module structure and identical modules give identical bytes", async () => {
  const a = await packModule(projectPath("modules", "studio_live_feed"), coordinates, tmp());
  const b = await packModule(projectPath("modules", "studio_live_feed"), coordinates, tmp());
  expect(path.basename(a)).toBe("acme-studio-live-feed-aws-1.2.0.tar.gz");
  expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
  const entries: string[] = [];
  await tar.list({ file: a, onReadEntry: (e) => entries.push(e.path) });
  expect(entries).toEqual(
    expect.arrayContaining(["README.md", "versions.tf.json", "variables.tf.json", "outputs.tf.json", "medialive.tf.json", "examples/basic/main.tf.json"]),
  );
});

test("real terraform get fetches and loads the published module from a local address", async () => {
  const tarball = await packModule(projectPath("modules", "studio_live_feed"), coordinates, tmp());
  const server = await recordingServer(() => ({ status: 200, body: fs.readFileSync(tarball) }));
  try {
    const root = tmp();
    fs.writeFileSync(
      path.join(root, "main.tf.json"),
      JSON.stringify({
        module: {
          studio: {
            source: `${server.base}/acme-studio-live-feed-aws-1.2.0.tar.gz`,
            elemental_link_input_device_id: "hd-0123456789abcdef01234567",
            youtube_stream_key: "x",
          },
        },
      }),
    );
    // Asynchronous on purpose: the server answering terraform runs in this same process.
    const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn("terraform", ["get", "-no-color"], { cwd: root, env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (status) => resolve({ status, stderr }));
    });
    expect(r.stderr.replace(/There are some problems with the CLI configuration:[\s\S]*?╵\n/g, "").trim()).toBe("");
    expect(r.status).toBe(0);
    const fetched = path.join(root, ".terraform", "modules", "studio");
    expect(fs.readdirSync(fetched)).toEqual(expect.arrayContaining(["medialive.tf.json", "versions.tf.json", "README.md"]));
    expect(JSON.parse(fs.readFileSync(path.join(root, ".terraform", "modules", "modules.json"), "utf8")).Modules.map((m: { Key: string }) => m.Key)).toContain(
      "studio",
    );
    expect(server.requests.map((q) => `${q.method} ${q.url}`)).toContain("GET /acme-studio-live-feed-aws-1.2.0.tar.gz");
  } finally {
    await server.close();
  }
});

test("Terraform Cloud: create module, create version, upload to the returned link; an existing version is refused", async () => {
  const tarball = await packModule(projectPath("modules", "studio_live_feed"), coordinates, tmp());
  const server = await recordingServer((r, base) => {
    if (r.method === "GET") return { status: 404, body: { errors: [{ status: "404" }] } };
    if (r.url.endsWith("/registry-modules")) return { status: 201, body: { data: { type: "registry-modules" } } };
    if (r.url.endsWith("/versions")) return { status: 201, body: { data: { type: "registry-module-versions", links: { upload: `${base}/upload/abc` } } } };
    return { status: 200 };
  });
  try {
    const result = await publishToTerraformCloud(tarball, coordinates, server.base, "token-123");
    expect(result.target).toBe("terraform-cloud");
    const [get, create, version, upload] = server.requests;
    expect(`${get.method} ${get.url}`).toBe("GET /api/v2/organizations/acme/registry-modules/private/acme/studio-live-feed/aws");
    expect(`${create.method} ${create.url}`).toBe("POST /api/v2/organizations/acme/registry-modules");
    expect(create.headers.authorization).toBe("Bearer token-123");
    expect(create.headers["content-type"]).toBe("application/vnd.api+json");
    expect(JSON.parse(create.body.toString())).toEqual({
      data: { type: "registry-modules", attributes: { name: "studio-live-feed", provider: "aws", "registry-name": "private", "no-code": false } },
    });
    expect(`${version.method} ${version.url}`).toBe("POST /api/v2/organizations/acme/registry-modules/private/acme/studio-live-feed/aws/versions");
    expect(JSON.parse(version.body.toString())).toEqual({ data: { type: "registry-module-versions", attributes: { version: "1.2.0" } } });
    expect(`${upload.method} ${upload.url}`).toBe("PUT /upload/abc");
    expect(upload.body.equals(fs.readFileSync(tarball))).toBe(true);
  } finally {
    await server.close();
  }
  const existing = await recordingServer(() => ({ status: 200, body: { data: { attributes: { "version-statuses": [{ version: "1.2.0", status: "ok" }] } } } }));
  try {
    await expect(publishToTerraformCloud(tarball, coordinates, existing.base, "t")).rejects.toThrow(/already published/);
    expect(existing.requests).toHaveLength(1);
  } finally {
    await existing.close();
  }
  await expect(publishToTerraformCloud(tarball, coordinates, "https://app.terraform.io", undefined)).rejects.toThrow(/set TF_TOKEN_app_terraform_io/);
});

test("GitLab: PUT the tarball to the project's Terraform module endpoint with the token header; a duplicate is refused", async () => {
  const tarball = await packModule(projectPath("modules", "studio_live_feed"), coordinates, tmp());
  let calls = 0;
  const server = await recordingServer(() =>
    ++calls === 1 ? { status: 201, body: { message: "201 Created" } } : { status: 403, body: { message: "Package already exists" } },
  );
  try {
    await publishToGitLab(tarball, coordinates, server.base, "group/media", "glpat-abc");
    const [put] = server.requests;
    expect(`${put.method} ${put.url}`).toBe("PUT /api/v4/projects/group%2Fmedia/packages/terraform/modules/studio-live-feed/aws/1.2.0/file");
    expect(put.headers["private-token"]).toBe("glpat-abc");
    expect(put.body.equals(fs.readFileSync(tarball))).toBe(true);
    await expect(publishToGitLab(tarball, coordinates, server.base, "group/media", "glpat-abc")).rejects.toThrow(/already published/);
  } finally {
    await server.close();
  }
});

test("tokens come from the environment or terraform's credentials file, never flags; bad versions are refused", () => {
  const home = tmp();
  fs.mkdirSync(path.join(home, ".terraform.d"));
  fs.writeFileSync(path.join(home, ".terraform.d", "credentials.tfrc.json"), JSON.stringify({ credentials: { "tfe.example.com": { token: "from-file" } } }));
  expect(terraformToken("tfe.example.com", {}, home)).toBe("from-file");
  expect(terraformToken("tfe.example.com", { TF_TOKEN_tfe_example_com: "from-env" }, home)).toBe("from-env");
  expect(terraformToken("app.terraform.io", {}, home)).toBeUndefined();
  const r = runCli([
    "media",
    "publish",
    "studio_live_feed",
    "--version",
    "v1",
    "--folder",
    tmp(),
    "--dir",
    projectPath("examples"),
    "--modules",
    projectPath("modules"),
    "--out-dir",
    tmp(),
  ]);
  expect([r.status, r.stderr.trim()]).toEqual([1, 'error: --version must be a semantic version like 1.2.0; got "v1"']);
  const help = runCli(["media", "publish", "--help"]);
  expect(help.stdout).not.toMatch(/--token/);
});

test("a template's shared module publishes like a pipeline's", () => {
  const folder = tmp();
  const r = runCli([
    "media",
    "publish",
    "creator-channel-shared",
    "--version",
    "1.0.0",
    "--namespace",
    "acme",
    "--folder",
    folder,
    "--dir",
    projectPath("examples"),
    "--modules",
    projectPath("modules"),
    "--out-dir",
    tmp(),
    "--json",
  ]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out).toMatchObject({ namespace: "acme", name: "creator-channel-shared", version: "1.0.0" });
  const entries: string[] = [];
  tar.t({ file: out.tarball, sync: true, onReadEntry: (e) => entries.push(e.path) });
  expect(entries).toEqual(expect.arrayContaining(["mediapackage.tf.json", "outputs.tf.json", "README.md"]));
  const unknown = runCli([
    "media",
    "publish",
    "creator-channel-nobody",
    "--version",
    "1.0.0",
    "--folder",
    folder,
    "--dir",
    projectPath("examples"),
    "--modules",
    projectPath("modules"),
  ]);
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toMatch(/no pipeline 'creator-channel-nobody'/);
});
