/**
 * A provider resource rendered from its shape table (scripts/build-resource-shapes.js reads it from the CDKTF binding at
 * build time: each attribute's Terraform name, order and nesting) instead of from the binding's classes. Loading the
 * aws_medialive_channel binding means parsing 4.1 MB of JavaScript in every synth process; the table is 62 KB (issue 20).
 *
 * The attributes come out as the binding's synthesizeAttributes() gives them, key order included:
 * test/generators/shaped-resource.test.ts compares the two on random configurations. That includes one quirk of the
 * binding: a nested single block reached through blocks only (no list on the way) that holds keys but no value
 * (`{ a: undefined }`) is left out, as its OutputReference does, while `{}` stays.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Construct } from "constructs";
import { TerraformResource, TerraformMetaArguments, Tokenization, canInspect, hashMapper, isComplexElement, listMapper, stringToTerraform } from "cdktf";

type Field =
  | [snake: string, camel: string, kind: "value" | "map"]
  | [snake: string, camel: string, kind: "values", isBlockType: boolean]
  | [snake: string, camel: string, kind: "block", struct: string]
  | [snake: string, camel: string, kind: "blocks", struct: string, isBlockType: boolean];

export interface ResourceShape {
  resource: string;
  /** The binding module the table was read from, loaded instead when the table does not match it. */
  binding: string;
  builtFrom: { package: string; version: string; files: Record<string, number> };
  generatorMetadata: { providerName: string; providerVersion: string; providerVersionConstraint: string };
  root: Field[];
  structs: Record<string, Field[]>;
}

const SHAPES_DIR = path.join(__dirname, "..", "generated", "resource-shapes");

/**
 * The table of a resource when it was built from the binding installed now (the provider version and every file's
 * size match), else undefined: then the caller uses the binding itself, never a stale table.
 */
export function currentResourceShape(resource: string, shapesDir = SHAPES_DIR): ResourceShape | undefined {
  let shape: ResourceShape;
  try {
    shape = JSON.parse(fs.readFileSync(path.join(shapesDir, `${resource}.json`), "utf8")) as ResourceShape;
  } catch {
    return undefined;
  }
  try {
    const bindingDir = path.dirname(require.resolve(`${shape.binding}/index.js`));
    const providerRoot = bindingDir.slice(0, bindingDir.lastIndexOf(`${path.sep}lib${path.sep}`));
    const version = (JSON.parse(fs.readFileSync(path.join(providerRoot, "package.json"), "utf8")) as { version: string }).version;
    if (version !== shape.builtFrom.version) return undefined;
    for (const [file, size] of Object.entries(shape.builtFrom.files)) if (fs.statSync(path.join(bindingDir, file)).size !== size) return undefined;
    return shape;
  } catch {
    return undefined;
  }
}

export type ShapedResourceConfig = TerraformMetaArguments & Record<string, unknown>;

const META_ARGUMENTS = new Set(["dependsOn", "count", "provider", "lifecycle", "forEach", "provisioners", "connection"]);

const namesOf = new WeakMap<Field[], Set<string>>();
/** The configuration names of a struct's attributes (made once per struct). */
function attributeNames(fields: Field[]): Set<string> {
  let names = namesOf.get(fields);
  if (!names) namesOf.set(fields, (names = new Set(fields.map(([, camel]) => camel))));
  return names;
}

export class ShapedResource extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly shape: ResourceShape,
    /** The configuration as the generator gave it (tests render it through the binding too). */
    readonly config: ShapedResourceConfig,
  ) {
    super(scope, id, {
      terraformResourceType: shape.resource,
      terraformGeneratorMetadata: shape.generatorMetadata,
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach,
    });
    const known = attributeNames(shape.root);
    const unknown = Object.keys(config).filter((k) => !known.has(k) && !META_ARGUMENTS.has(k));
    if (unknown.length) throw new Error(`generator bug: ${shape.resource} has no attribute ${unknown.join(", ")}`);
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return this.fields(this.shape.root, this.config, "resource", this.shape.resource)!;
  }

  /**
   * One struct's attributes in the binding's order. "through-blocks": reached from the resource through single blocks
   * only, where the binding rebuilds the value through OutputReferences (the one place values are dropped).
   */
  private fields(
    fields: Field[],
    value: Record<string, unknown>,
    level: "resource" | "through-blocks" | "in-list",
    where: string,
  ): Record<string, unknown> | undefined {
    if (level !== "resource") {
      const known = attributeNames(fields);
      for (const key of Object.keys(value)) if (!known.has(key)) throw new Error(`generator bug: ${where} has no attribute ${key}`);
    }
    const out: Record<string, unknown> = {};
    let anyValue = false;
    for (const field of fields) {
      const [snake, camel] = field;
      const v = value[camel];
      let converted: unknown;
      if (field[2] === "value") converted = v;
      else if (field[2] === "map") converted = hashMapper(stringToTerraform)(v);
      else if (field[2] === "values") converted = listMapper(stringToTerraform, field[3])(v);
      else if (field[2] === "block") converted = this.block(field[3], v, level === "in-list" ? "in-list" : "through-blocks", `${where}.${snake}`);
      else {
        const [, , , struct, isBlockType] = field as Extract<Field, { 2: "blocks" }>;
        converted = listMapper((item: unknown) => this.block(struct, item, "in-list", `${where}.${snake}[]`), isBlockType)(v);
      }
      out[snake] = converted;
      if (converted !== undefined) anyValue = true;
    }
    return level === "through-blocks" && !anyValue && Object.keys(value).length > 0 ? undefined : out;
  }

  private block(struct: string, value: unknown, level: "through-blocks" | "in-list", where: string): unknown {
    if (!canInspect(value) || Tokenization.isResolvable(value)) return value;
    if (isComplexElement(value)) throw new Error(`generator bug: a complex element was used as ${where}`);
    return this.fields(this.shape.structs[struct], value as Record<string, unknown>, level, where);
  }
}
