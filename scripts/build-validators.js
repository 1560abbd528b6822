#!/usr/bin/env node
/**
 * Compiles every schemas/<name>.schema.json into a standalone ajv validator, dist/generated/validators/<name>.js, so a
 * process validates without loading ajv's compiler or compiling the schema (80-90 ms for the pipeline schema).
 * Each file records the SHA-256 of the schema text it was built from; src/core/schema-validation.ts uses it only when
 * that matches the schema on disk, and compiles the schema with ajv otherwise (a schema edited after the build).
 * Run by `npm run build`; plain JS on purpose, like generate-types.js.
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const Ajv = require("ajv").default;
const { _ } = require("ajv");
const addFormats = require("ajv-formats").default;
const standaloneCode = require("ajv/dist/standalone").default;

const ROOT = path.resolve(__dirname, "..");
const OUT_DIR = path.join(ROOT, "dist", "generated", "validators");
const SCHEMAS = ["pipeline", "template", "catalog", "resolved-pipeline", "prices", "config", "events", "fleet-record"];

/** The options runtime validation uses (schema-validation.ts), plus what standalone code needs to carry formats. */
const AJV_OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true, verbose: true };

const schemaText = (name) => fs.readFileSync(path.join(ROOT, "schemas", `${name}.schema.json`), "utf8");
const sha256 = (text) => crypto.createHash("sha256").update(text).digest("hex");

/** The module text of one schema's standalone validator. */
function validatorSource(name) {
  const text = schemaText(name);
  const ajv = addFormats(new Ajv({ ...AJV_OPTIONS, code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } }));
  const code = standaloneCode(ajv, ajv.compile(JSON.parse(text)));
  return `/* Generated from schemas/${name}.schema.json by scripts/build-validators.js (npm run build). Do not edit. */\n${code}\nmodule.exports.schemaSha256 = ${JSON.stringify(sha256(text))};\n`;
}

function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const name of SCHEMAS) fs.writeFileSync(path.join(OUT_DIR, `${name}.js`), validatorSource(name));
}

module.exports = { AJV_OPTIONS, OUT_DIR, SCHEMAS, sha256, validatorSource };
if (require.main === module) main();
