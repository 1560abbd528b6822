/**
 * A resource rendered from the build's shape table (generators/shaped-resource.ts: aws_medialive_channel,
 * aws_cloudfront_distribution, aws_s3_bucket) must be what its CDKTF binding renders, key order included: checked on
 * random configurations that reach every attribute of each table, and on every example's real resources. A table that
 * does not match the installed binding is not used, and the table builder stops on a binding line it does not understand.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { App, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { MedialiveChannel } from "@cdktf/provider-aws/lib/medialive-channel";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { planPipeline } from "../../src/plans/pipeline-plan";
import { PipelineConstruct } from "../../generators/pipeline";
import { ModuleStack } from "../../generators/module-stack";
import { ShapedResource, currentResourceShape, type ResourceShape } from "../../generators/shaped-resource";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is plain JavaScript
const shapes = require("../../../scripts/build-resource-shapes.js") as {
  extractShape: (dir: string, resource: string) => Omit<ResourceShape, "binding" | "builtFrom">;
  bindingFiles: (dir: string) => string[];
};

const bindingDirOf = (binding: string) => path.dirname(require.resolve(`@cdktf/provider-aws/lib/${binding}/index.js`));
const bindingDir = bindingDirOf("medialive-channel");
const shape = currentResourceShape("aws_medialive_channel")!;

type AnyBinding = new (scope: Construct, id: string, config: never) => object;
/** Every shaped resource: its binding class and folder. */
const SHAPED: Record<string, { binding: AnyBinding; dir: string }> = {
  aws_medialive_channel: { binding: MedialiveChannel, dir: bindingDir },
  aws_cloudfront_distribution: { binding: CloudfrontDistribution, dir: bindingDirOf("cloudfront-distribution") },
  aws_s3_bucket: { binding: S3Bucket, dir: bindingDirOf("s3-bucket") },
};

type Field = ResourceShape["root"][number];
type Attributes = () => Record<string, unknown>;
const attributesOf = (r: object) => (r as unknown as { synthesizeAttributes: Attributes }).synthesizeAttributes();

function scratchStack(): TerraformStack {
  return new TerraformStack(new App({ skipValidation: true, outdir: path.join(os.tmpdir(), "blackwell-cdktf") }), "scratch");
}

/** Both renderings of one configuration, as JSON text (key order counts: it is the module's byte order). */
function bothRenderings(config: Record<string, unknown>, table: ResourceShape = shape): { shaped: string; binding: string } {
  const stack = scratchStack();
  const shaped = new ShapedResource(stack, "shaped", table, config);
  const binding = new SHAPED[table.resource].binding(stack, "binding", config as never);
  return { shaped: JSON.stringify(attributesOf(shaped)), binding: JSON.stringify(attributesOf(binding)) };
}

/** A random configuration over the table's attributes: some left out, some explicitly undefined, blocks empty or value-less. */
function randomConfig(seed: number, table: ResourceShape = shape): Record<string, unknown> {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const scalar = (): unknown => {
    const r = random();
    if (r < 0.4) return `s${Math.floor(random() * 100)}`;
    if (r < 0.7) return Math.floor(random() * 10000) / 10;
    if (r < 0.8) return random() < 0.5;
    if (r < 0.9) return Token.asString({ resolve: () => "resolved" });
    return "${var.name_prefix}-x";
  };
  const struct = (fields: Field[], depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const r = random();
      if (r < 0.35) continue;
      if (r < 0.42) {
        out[field[1]] = undefined;
        continue;
      }
      if (field[2] === "value") out[field[1]] = scalar();
      else if (field[2] === "values") out[field[1]] = Array.from({ length: Math.floor(random() * 3) }, () => `v${Math.floor(random() * 9)}`);
      else if (field[2] === "map") out[field[1]] = { Owner: "media", camelCaseKey: "kept as written" };
      else if (field[2] === "block") out[field[1]] = block(field[3], depth);
      else if (depth < 7) out[field[1]] = Array.from({ length: Math.floor(random() * 3) }, () => struct(table.structs[field[3] as string], depth + 1));
    }
    return out;
  };
  const block = (name: string, depth: number): unknown => {
    const fields = table.structs[name];
    const r = random();
    if (r < 0.1 || depth >= 7) return {};
    if (r < 0.2 && fields.length) return { [fields[0][1]]: undefined }; // keys but no value: the binding leaves such a block out
    return struct(fields, depth + 1);
  };
  return struct(table.root, 0);
}

test.each(Object.keys(SHAPED))("%s: the table was built from the installed binding and holds what its attributes reach", (resource) => {
  const table = currentResourceShape(resource)!;
  expect(table).toBeDefined();
  const { dir } = SHAPED[resource];
  for (const file of shapes.bindingFiles(dir)) expect(table.builtFrom.files[file]).toBe(fs.statSync(path.join(dir, file)).size);
  expect(shapes.extractShape(dir, resource).structs).toEqual(table.structs);
  const text = shapes
    .bindingFiles(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
  const converters = new Set([...text.matchAll(/^function (\w+)ToTerraform\(struct\)/gm)].map((m) => m[1]));
  for (const struct of Object.keys(table.structs)) expect(converters.has(struct)).toBe(true);
  expect(Object.keys(table.structs).length).toBeGreaterThan(resource === "aws_medialive_channel" ? 150 : 5);
});

test.each(Object.keys(SHAPED))("%s: random configurations render as the binding renders them, key order included", (resource) => {
  const table = currentResourceShape(resource)!;
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const { shaped, binding } = bothRenderings(randomConfig(seed, table), table);
      expect(shaped).toBe(binding);
    }),
    { numRuns: resource === "aws_medialive_channel" ? 300 : 200 },
  );
});

test("blocks the binding keeps or drops: {} stays, a block of undefined values goes, inside lists both stay", () => {
  const config = {
    name: "x",
    encoderSettings: {
      availBlanking: { state: undefined },
      timecodeConfig: {},
      outputGroups: [{ outputGroupSettings: { hlsGroupSettings: { destination: undefined } } }],
    },
    maintenance: { maintenanceDay: undefined },
  };
  const { shaped, binding } = bothRenderings(config);
  expect(shaped).toBe(binding);
  expect(JSON.parse(shaped)).toEqual({
    name: "x",
    encoder_settings: { output_groups: [{ output_group_settings: { hls_group_settings: {} } }], timecode_config: {} },
  });
});

test.each(loadPipelines([projectPath("examples")]).pipelines.map((p) => [p.resolved.pipeline_id, p.resolved] as const))(
  "%s: each shaped resource renders as its binding renders it",
  (_id, pipeline) => {
    const stack = new ModuleStack(new App({ skipValidation: true, outdir: path.join(os.tmpdir(), "blackwell-cdktf") }), "module");
    new PipelineConstruct(stack, "pipeline", { plan: planPipeline(pipeline), slateImageBase64: () => "AA==" });
    const shaped = stack.node.findAll().filter((c: Construct): c is ShapedResource => c instanceof ShapedResource);
    expect(shaped.length).toBeGreaterThan(0);
    if (planPipeline(pipeline).live) expect(shaped.map((r) => r.terraformResourceType)).toContain("aws_medialive_channel");
    for (const resource of shaped) {
      const binding = new SHAPED[resource.terraformResourceType].binding(scratchStack(), "binding", resource.config as never);
      expect(JSON.stringify(attributesOf(resource))).toBe(JSON.stringify(attributesOf(binding)));
    }
  },
);

test("NEGATIVE: an attribute the table does not know is a generator bug, at the resource and in a block", () => {
  expect(() => new ShapedResource(scratchStack(), "x", shape, { nmae: "typo" })).toThrow("generator bug: aws_medialive_channel has no attribute nmae");
  const nested = new ShapedResource(scratchStack(), "y", shape, { encoderSettings: { timecodeConfig: { sorce: "EMBEDDED" } } });
  expect(() => attributesOf(nested)).toThrow("generator bug: aws_medialive_channel.encoder_settings.timecode_config has no attribute sorce");
});

describe("a table that does not match the installed binding is not used", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "blackwell-shapes-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (edit: (s: ResourceShape) => void) => {
    const copy = JSON.parse(JSON.stringify(shape)) as ResourceShape;
    edit(copy);
    fs.writeFileSync(path.join(dir, "aws_medialive_channel.json"), JSON.stringify(copy));
  };

  test("the same table in another folder is used", () => {
    write(() => undefined);
    expect(currentResourceShape("aws_medialive_channel", dir)).toBeDefined();
  });
  test("NEGATIVE: another provider version", () => {
    write((s) => (s.builtFrom.version = "0.0.1"));
    expect(currentResourceShape("aws_medialive_channel", dir)).toBeUndefined();
  });
  test("NEGATIVE: a binding file of another size", () => {
    write((s) => (s.builtFrom.files["index-structs/structs0.js"] += 1));
    expect(currentResourceShape("aws_medialive_channel", dir)).toBeUndefined();
  });
  test("NEGATIVE: no table, or an unreadable one", () => {
    expect(currentResourceShape("aws_medialive_channel", dir)).toBeUndefined();
    fs.writeFileSync(path.join(dir, "aws_medialive_channel.json"), "{ not json");
    expect(currentResourceShape("aws_medialive_channel", dir)).toBeUndefined();
  });
});

test("NEGATIVE: the table builder stops on a binding line it does not understand, naming it", () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "blackwell-binding-"));
  try {
    for (const file of shapes.bindingFiles(bindingDir)) {
      fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
      fs.copyFileSync(path.join(bindingDir, file), path.join(copy, file));
    }
    expect(shapes.extractShape(copy, "aws_medialive_channel").root).toEqual(shape.root);
    const structs = path.join(copy, "index-structs", "structs0.js");
    const text = fs.readFileSync(structs, "utf8");
    const changed = text.replace(/(\n\s+\w+: )cdktf\.numberToTerraform\((struct\.\w+)\),/, "$1cdktf.futureMapper($2),");
    expect(changed).not.toBe(text);
    fs.writeFileSync(structs, changed);
    expect(() => shapes.extractShape(copy, "aws_medialive_channel")).toThrow(
      /structs0\.js \w+ToTerraform: unrecognised converter in: \w+: cdktf\.futureMapper/,
    );
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});
