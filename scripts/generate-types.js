#!/usr/bin/env node
/**
 * Regenerates src/types/*.generated.ts from schemas/*.schema.json.
 * The schemas are the contract; the generated files are never edited by hand.
 * Plain JS on purpose: it must run before the TypeScript build that needs its output.
 *   npm run gen:types              write the files
 *   npm run gen:types -- --check   exit 1 when a committed file is stale
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { compile } = require("json-schema-to-typescript");

const ROOT = path.resolve(__dirname, "..");
const GENERATED_TYPES = [
  { schema: "schemas/pipeline.schema.json", out: "src/types/pipeline.generated.ts" },
  { schema: "schemas/template.schema.json", out: "src/types/template.generated.ts" },
  { schema: "schemas/catalog.schema.json", out: "src/types/catalog.generated.ts" },
  { schema: "schemas/resolved-pipeline.schema.json", out: "src/types/resolved-pipeline.generated.ts" },
  { schema: "schemas/prices.schema.json", out: "src/types/prices.generated.ts" },
  { schema: "schemas/config.schema.json", out: "src/types/config.generated.ts" },
  { schema: "schemas/events.schema.json", out: "src/types/events.generated.ts" },
  { schema: "schemas/fleet-record.schema.json", out: "src/types/fleet-record.generated.ts" },
];

async function renderTypes(schemaFile) {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, schemaFile), "utf8"));
  return compile(schema, schema.title, {
    bannerComment: `/* Generated from ${schemaFile} by scripts/generate-types.js (npm run gen:types). Do not edit. */`,
    additionalProperties: false,
    cwd: path.join(ROOT, "schemas"),
    style: { printWidth: 120, singleQuote: false },
    unreachableDefinitions: true,
    ignoreMinAndMaxItems: true,
  });
}

async function main() {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const { schema, out } of GENERATED_TYPES) {
    const text = await renderTypes(schema);
    const target = path.join(ROOT, out);
    const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
    if (current === text) continue;
    if (check) {
      console.error(`stale: ${out} differs from what ${schema} generates; run npm run gen:types`);
      stale++;
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
      console.log(`wrote ${out}`);
    }
  }
  if (stale) process.exit(1);
}

module.exports = { GENERATED_TYPES, renderTypes };
if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(2);
  });
}
