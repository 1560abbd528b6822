#!/usr/bin/env node
/**
 * Reads a provider binding's synthesizeAttributes and *ToTerraform functions and writes their shape, the attribute
 * names, order and nesting, as data: dist/generated/resource-shapes/<resource>.json. generators/shaped-resource.ts
 * renders a resource from that table without loading the binding. The aws_medialive_channel binding is 4.1 MB of
 * JavaScript, about a seventh of a one-pipeline synth's CPU just to parse (issue 20); cloudfront-distribution and
 * s3-bucket, which almost every pipeline uses, are 0.8 and 0.6 MB.
 *
 * The table records the provider package version and the size of every file it was read from; the generator uses it
 * only when they match the installed binding and loads the binding otherwise. A binding line this script does not
 * recognise stops the build: the shape is never guessed.
 * Run by `npm run build`; plain JS on purpose, like generate-types.js.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const OUT_DIR = path.join(ROOT, "dist", "generated", "resource-shapes");
const PROVIDER_PACKAGE = "@cdktf/provider-aws";

/** The resources rendered from a table: the Terraform type and the binding folder under lib/. */
const SHAPED_RESOURCES = [
  { resource: "aws_medialive_channel", binding: "medialive-channel" },
  { resource: "aws_cloudfront_distribution", binding: "cloudfront-distribution" },
  { resource: "aws_s3_bucket", binding: "s3-bucket" },
];

const providerRoot = () => path.dirname(require.resolve(`${PROVIDER_PACKAGE}/package.json`, { paths: [ROOT] }));

/** The binding's JavaScript files, relative to its folder: index.js and its index-structs/ parts. */
function bindingFiles(bindingDir) {
  const files = ["index.js"];
  const structs = path.join(bindingDir, "index-structs");
  if (fs.existsSync(structs)) for (const name of fs.readdirSync(structs).sort()) if (name.endsWith(".js")) files.push(`index-structs/${name}`);
  return files;
}

/**
 * One `snake_name: converter(value),` line -> [snake, camel, kind, extra]:
 *   value   identity (string, number, boolean)     map     a map of scalars (hashMapper)
 *   values  a list of scalars (listMapper)          block   one nested block: extra is its struct
 *   blocks  a list of nested blocks: extra is its struct
 * The value is `struct.camel` inside a struct, `this._camel` or `this._camel.internalValue` at the resource.
 */
function parseField(line, where) {
  const m = /^\s+([a-z0-9_]+): (.+)\((?:struct!?\.|this\._)([A-Za-z0-9]+)(?:\.internalValue)?\),$/.exec(line);
  if (!m) throw new Error(`${where}: unrecognised binding line: ${line.trim()}`);
  const [, snake, converter, camel] = m;
  let c;
  if (/^cdktf\.(string|number|boolean|any)ToTerraform$/.test(converter)) return [snake, camel, "value"];
  if ((c = /^cdktf\.listMapper\(cdktf\.(?:string|number|boolean|any)ToTerraform, (true|false)\)$/.exec(converter)))
    return [snake, camel, "values", c[1] === "true"];
  if (/^cdktf\.hashMapper\(cdktf\.(?:string|number|boolean|any)ToTerraform\)$/.test(converter)) return [snake, camel, "map"];
  if ((c = /^cdktf\.listMapper\((?:[\w$]+\.)?(\w+)ToTerraform, (true|false)\)$/.exec(converter))) return [snake, camel, "blocks", c[1], c[2] === "true"];
  if ((c = /^(?:\(0, [\w$]+\.(\w+)ToTerraform\)|(\w+)ToTerraform)$/.exec(converter))) return [snake, camel, "block", c[1] ?? c[2]];
  throw new Error(`${where}: unrecognised converter in: ${line.trim()}`);
}

/** The fields of one `return { ... };` body. */
function parseReturnedObject(body, where) {
  if (/\n\s+return \{\};$/.test(body)) return []; // a block without attributes, e.g. pass_through_settings {}
  const m = /\n\s+return \{\n([\s\S]*?)\n\s+\};/.exec(body);
  if (!m) throw new Error(`${where}: no returned object`);
  return m[1].split("\n").map((line) => parseField(line, where));
}

/** The shape of one resource binding (pure: tests run it on edited copies). */
function extractShape(bindingDir, resource) {
  const files = bindingFiles(bindingDir);
  const sources = Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(bindingDir, f), "utf8")]));
  const index = sources["index.js"];
  const synth = /\n {4}synthesizeAttributes\(\) \{\n {8}return \{\n[\s\S]*?\n {8}\};\n {4}\}/.exec(index);
  if (!synth) throw new Error(`${resource}: synthesizeAttributes not found in ${bindingDir}/index.js`);
  const type = /terraformResourceType: '([a-z0-9_]+)'/.exec(index)?.[1];
  if (type !== resource) throw new Error(`${resource}: the binding in ${bindingDir} is for ${type}`);
  const meta = /terraformGeneratorMetadata: \{\s*providerName: '([^']+)',\s*providerVersion: '([^']+)',\s*providerVersionConstraint: '([^']+)'\s*\}/.exec(
    index,
  );
  if (!meta) throw new Error(`${resource}: terraformGeneratorMetadata not found in ${bindingDir}/index.js`);
  const root = parseReturnedObject(synth[0], `${resource} synthesizeAttributes`);
  const structs = {};
  for (const [file, text] of Object.entries(sources))
    for (const m of text.matchAll(/^function (\w+)ToTerraform\(struct\) \{\n([\s\S]*?)\n\}$/gm))
      structs[m[1]] = parseReturnedObject(m[2], `${file} ${m[1]}ToTerraform`);
  // Every struct a field names must have been read (a sign the whole binding was understood). Structs no attribute
  // reaches are those of computed, read-only attributes (cloudfront's trusted_signers): the table leaves them out.
  const reached = new Set();
  const visit = (fields, where) => {
    for (const [snake, , kind, struct] of fields) {
      if (kind !== "block" && kind !== "blocks") continue;
      if (!structs[struct]) throw new Error(`${where}.${snake}: ${struct}ToTerraform was not found in the binding`);
      if (!reached.has(struct)) {
        reached.add(struct);
        visit(structs[struct], `${where}.${snake}`);
      }
    }
  };
  visit(root, resource);
  return {
    resource,
    generatorMetadata: { providerName: meta[1], providerVersion: meta[2], providerVersionConstraint: meta[3] },
    root,
    structs: Object.fromEntries(
      Object.keys(structs)
        .sort()
        .map((s) => [s, structs[s]]),
    ),
  };
}

/** What the table was built from: the provider version and each file's size, checked again before every use. */
function bindingFingerprint(bindingDir) {
  const version = JSON.parse(fs.readFileSync(path.join(providerRoot(), "package.json"), "utf8")).version;
  return {
    package: PROVIDER_PACKAGE,
    version,
    files: Object.fromEntries(bindingFiles(bindingDir).map((f) => [f, fs.statSync(path.join(bindingDir, f)).size])),
  };
}

function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const { resource, binding } of SHAPED_RESOURCES) {
    const dir = path.join(providerRoot(), "lib", binding);
    const table = { binding: `${PROVIDER_PACKAGE}/lib/${binding}`, builtFrom: bindingFingerprint(dir), ...extractShape(dir, resource) };
    const file = path.join(OUT_DIR, `${resource}.json`);
    fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(table)}\n`);
    fs.renameSync(`${file}.tmp`, file);
  }
}

module.exports = { OUT_DIR, SHAPED_RESOURCES, bindingFiles, extractShape, parseField };
if (require.main === module) main();
