/**
 * integration: ecommerce in the definition: shop origins are https origins (schema, then the :443 and port
 * rules), each refusal names the file and JSON path; the integration turns the live-status document on
 * (an events section is implied) and makes the shop's origins the CORS default; integration none adds nothing.
 */
import { checkPipelineDocument } from "../../src/core/definitions";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { planPipeline } from "../../src/plans/pipeline-plan";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";

const base: PipelineDefinition = {
  pipeline_id: "product-demos",
  title: "Product demos, live",
  pipeline_type: "live_stream",
  sources: [{ type: "rtmp", allowed_cidrs: ["203.0.113.0/24"] }],
  transcode_profiles: ["abr_720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier: "development",
};
const FILE = "pipelines/product-demos.yaml";
const check = (fields: Partial<PipelineDefinition> | Record<string, unknown>) => checkPipelineDocument({ ...base, ...fields }, FILE);
const errors = (fields: Partial<PipelineDefinition> | Record<string, unknown>) =>
  check(fields)
    .filter((p) => p.severity === "error")
    .map((p) => `${p.file} ${p.path}: ${p.message}`);

test("https shop origins are accepted, with no warning", () => {
  expect(check({ integration: "ecommerce", ecommerce: { shop_origins: ["https://shop.example.com", "https://www.shop.example.com:8443"] } })).toEqual([]);
});

test.each([
  ["http://shop.example.com", /\$\.ecommerce\.shop_origins\[1\]: .*an https origin/],
  ["https://shop.example.com/", /\$\.ecommerce\.shop_origins\[1\]: .*no path, no trailing slash/],
  ["https://shop.example.com/products", /\$\.ecommerce\.shop_origins\[1\]/],
  ["https://Shop.Example.com", /\$\.ecommerce\.shop_origins\[1\]: .*lower case/],
  ["*", /\$\.ecommerce\.shop_origins\[1\]/],
  ["https://shop.example.com:443", /\$\.ecommerce\.shop_origins\[1\]: write https:\/\/shop\.example\.com: browsers send https origins without :443/],
  ["https://shop.example.com:70000", /\$\.ecommerce\.shop_origins\[1\]: port 70000 .* is not a TCP port/],
])("the shop origin %s is refused, naming the file and its JSON path", (origin, message) => {
  const found = errors({ integration: "ecommerce", ecommerce: { shop_origins: ["https://ok.example.com", origin] } });
  expect(found).toHaveLength(1);
  expect(found[0]).toMatch(new RegExp(`^${FILE} `));
  expect(found[0]).toMatch(message);
});

test("shop settings without integration ecommerce, an empty or repeated origin list, are errors at their path", () => {
  expect(errors({ ecommerce: { shop_origins: ["https://shop.example.com"] } })).toEqual([
    `${FILE} $.ecommerce: 'ecommerce' settings apply only with integration: ecommerce`,
  ]);
  expect(errors({ integration: "ecommerce", ecommerce: { shop_origins: [] } })[0]).toMatch(/\$\.ecommerce\.shop_origins/);
  expect(errors({ integration: "ecommerce", ecommerce: { shop_origins: ["https://a.example", "https://a.example"] } })[0]).toMatch(
    /\$\.ecommerce\.shop_origins/,
  );
});

test("ecommerce without shop origins warns that any site may embed; on a VOD pipeline it warns that nothing live is there", () => {
  const open = check({ integration: "ecommerce" });
  expect(open.map((p) => [p.severity, p.path])).toEqual([["warning", "$.integration"]]);
  expect(open[0].message).toMatch(/any site may embed the stream/);
  const vod = check({ integration: "ecommerce", pipeline_type: "vod_processing", sources: ["s3"] });
  expect(vod.map((p) => [p.severity, p.path, p.message])).toEqual([["warning", "$.integration", expect.stringMatching(/no live-status document/)]]);
});

test("integration ecommerce turns the live-status document on (an events section is implied) and makes the shop origins the CORS default", () => {
  const resolved = resolvePipeline({ ...base, integration: "ecommerce", ecommerce: { shop_origins: ["https://shop.example.com"] } }, loadCatalog());
  expect(resolved.ecommerce).toEqual({ shop_origins: ["https://shop.example.com"] });
  expect(resolved.events).toEqual({ client_id: "product-demos", live_status: true, targets: [] });
  const plan = planPipeline(resolved);
  expect(plan.events.liveStatus).toBeDefined();
  expect(plan.delivery!.defaultEmbedOrigins).toEqual(["https://shop.example.com"]);
  expect(plan.delivery!.orderedBehaviours[0]).toMatchObject({ pathPattern: "/status/*", origin: "live_status", unsigned: true });
  // Without origins the usual default stays; an explicit events.live_status false is kept.
  expect(planPipeline(resolvePipeline({ ...base, integration: "ecommerce" }, loadCatalog())).delivery!.defaultEmbedOrigins).toEqual(["*"]);
  expect(resolvePipeline({ ...base, integration: "ecommerce", events: { live_status: false } }, loadCatalog()).events!.live_status).toBe(false);
});

test("integration none (and no integration) adds nothing: no events section, no shop settings, CORS default as before", () => {
  for (const fields of [{}, { integration: "none" as const }]) {
    const resolved = resolvePipeline({ ...base, ...fields }, loadCatalog());
    expect(resolved.events).toBeUndefined();
    expect(resolved.ecommerce).toBeUndefined();
    const plan = planPipeline(resolved);
    expect(plan.events.liveStatus).toBeUndefined();
    expect(plan.delivery!.defaultEmbedOrigins).toEqual(["*"]);
  }
});
