/**
 * CORS of an ecommerce pipeline: CloudFront's response headers policy allows exactly the shop's origins
 * (ecommerce.shop_origins), and every behaviour the player and live.json are served by carries it. Checked
 * on the generated module, then with real terraform (validate + offline plan through the harness): the
 * planned policy's allowed origins are the listed ones, nothing more. `create --integration ecommerce
 * --shop-origins` writes the setting; a bad origin is refused with its JSON path and nothing is written.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { renderPipelineModule } from "../../src/synth/module-render";
import { writeModule } from "../../src/synth/module-writer";
import { checkModulesWithTerraform, moduleKey, requireProviderMirror } from "../../src/validity/terraform-check";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { moduleFromContents } from "../../src/validity/module-files";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";
import { runCli } from "../support/cli";

const SHOP = ["https://shop.example.com", "https://www.shop.example.com:8443"];
const definition = (fields: Partial<PipelineDefinition>): PipelineDefinition => ({
  pipeline_id: "shop-live",
  title: "Shop live",
  pipeline_type: "live_stream",
  sources: [{ type: "rtmp", allowed_cidrs: ["203.0.113.0/24"] }],
  transcode_profiles: ["abr_720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier: "development",
  ...fields,
});
const shop = renderPipelineModule(resolvePipeline(definition({ integration: "ecommerce", ecommerce: { shop_origins: SHOP } }), loadCatalog()));
const plain = renderPipelineModule(resolvePipeline(definition({ pipeline_id: "plain-live", integration: "none" }), loadCatalog()));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Terraform JSON documents
const doc = (m: typeof shop, file: string): any => JSON.parse(m.files.get(file)!);

test("the policy allows the shop origins (the allowed_embed_origins default), and every behaviour, live.json's included, carries it", () => {
  const cf = doc(shop, "cloudfront.tf.json");
  const cors = cf.resource.aws_cloudfront_response_headers_policy.cors.cors_config;
  expect(cors.access_control_allow_origins.items).toBe("${var.allowed_embed_origins}");
  expect(cors).toMatchObject({ access_control_allow_credentials: false, origin_override: true });
  expect(doc(shop, "variables.tf.json").variable.allowed_embed_origins.default).toEqual(SHOP);
  const distribution = cf.resource.aws_cloudfront_distribution.main;
  const behaviours = [distribution.default_cache_behavior, ...distribution.ordered_cache_behavior];
  expect(behaviours.map((b: { path_pattern?: string }) => b.path_pattern ?? "*")).toEqual(expect.arrayContaining(["/status/*", "*.m3u8", "*.mpd", "*"]));
  for (const b of behaviours) expect(b.response_headers_policy_id).toBe("${aws_cloudfront_response_headers_policy.cors.id}");
  expect(formatFindings(checkModuleFiles(moduleFromContents(shop.files)).findings)).toBe("");
  // integration none: the default stays any site, and there is no live status behaviour.
  expect(doc(plain, "variables.tf.json").variable.allowed_embed_origins.default).toEqual(["*"]);
  expect(
    doc(plain, "cloudfront.tf.json").resource.aws_cloudfront_distribution.main.ordered_cache_behavior.map((b: { path_pattern: string }) => b.path_pattern),
  ).not.toContain("/status/*");
});

const skip = process.env.BLACKWELL_SKIP_TERRAFORM === "1";
(skip ? test.skip : test)("real terraform: validates, and the planned policy allows exactly the listed origins (any site for integration none)", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-ecommerce-cors-"));
  const run = await checkModulesWithTerraform(
    [shop, plain].map((m) => ({ name: m.pipelineId, dir: writeModule(m, out), region: "us-east-1" })),
    { mirror: requireProviderMirror()!, plan: true },
  );
  expect(run.modules.flatMap((m) => m.errors.map((e) => `${m.name}: ${e}`))).toEqual([]);
  const changes = (run.planJson!.resource_changes ?? []) as Array<{ address: string; change: { after: Record<string, unknown> } }>;
  const allowed = (name: string) => {
    const policy = changes.find((c) => c.address === `module.${moduleKey(name)}.aws_cloudfront_response_headers_policy.cors`);
    expect(policy).toBeDefined();
    const cors = (policy!.change.after.cors_config as Array<{ access_control_allow_origins: Array<{ items: string[] }> }>)[0];
    return [...cors.access_control_allow_origins[0].items].sort();
  };
  expect(allowed("shop-live")).toEqual([...SHOP].sort());
  expect(allowed("plain-live")).toEqual(["*"]);
  // The live-status document's bucket and its first "not started" document are planned for the shop only.
  const planned = changes.map((c) => c.address);
  expect(planned).toContain(`module.${moduleKey("shop-live")}.aws_s3_object.live_status_initial`);
  expect(planned).not.toContain(`module.${moduleKey("plain-live")}.aws_s3_object.live_status_initial`);
});

test("create --integration ecommerce --shop-origins writes the setting; a bad origin is refused at its path and nothing is written", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-create-shop-"));
  const ok = runCli(["media", "create", "pipeline", "product-demos", "--integration", "ecommerce", "--shop-origins", SHOP.join(","), "--dir", dir, "--json"]);
  expect({ status: ok.status, stderr: ok.stderr }).toEqual({ status: 0, stderr: "" });
  expect(JSON.parse(fs.readFileSync(path.join(dir, "product-demos.json"), "utf8"))).toMatchObject({
    integration: "ecommerce",
    ecommerce: { shop_origins: SHOP },
  });
  const bad = runCli([
    "media",
    "create",
    "pipeline",
    "other-shop",
    "--integration",
    "ecommerce",
    "--shop-origins",
    "https://shop.example.com/cart",
    "--dir",
    dir,
  ]);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/other-shop\.json \(from flags\): \$\.ecommerce\.shop_origins\[0\]: error: .*an https origin/);
  expect(fs.existsSync(path.join(dir, "other-shop.json"))).toBe(false);
  const noIntegration = runCli(["media", "create", "pipeline", "other-shop", "--shop-origins", SHOP[0], "--dir", dir]);
  expect(noIntegration.status).toBe(1);
  expect(noIntegration.stderr).toMatch(/\$\.ecommerce: error: 'ecommerce' settings apply only with integration: ecommerce/);
});
