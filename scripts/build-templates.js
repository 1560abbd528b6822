#!/usr/bin/env node
/**
 * Precompiles the Handlebars templates (templates/<set>/**.hbs) into dist/generated/templates.js, so rendering loads only
 * Handlebars' runtime and compiles nothing. Each entry records the SHA-256 of the source it was compiled from;
 * src/core/handlebars-templates.ts uses a set only when every source still matches, and compiles it in-process
 * otherwise. The compile options of each set are the ones its renderer declares (TEMPLATE_SETS, checked by a test).
 * Run by `npm run build`; plain JS on purpose, like generate-types.js.
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const Handlebars = require("handlebars");

const ROOT = path.resolve(__dirname, "..");
const OUT_FILE = path.join(ROOT, "dist", "generated", "templates.js");

/** Each set: its folder under templates/ and the compile options its renderer uses (src/embed/templates.ts, src/synth/readme.ts). */
const TEMPLATE_SETS = {
  player: { strict: true, knownHelpers: { if: true, each: true, unless: true }, knownHelpersOnly: true },
  module: { noEscape: true, strict: true },
};

const sha256 = (text) => crypto.createHash("sha256").update(text).digest("hex");

/** Template files of a set, relative to templates/ ("module/partials/inputs-outputs.hbs"). */
function templateFiles(set) {
  const found = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(ROOT, "templates", rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(".hbs")) found.push(child);
    }
  };
  walk(set);
  return found.sort();
}

function templatesSource() {
  const entries = [];
  for (const [set, options] of Object.entries(TEMPLATE_SETS))
    for (const file of templateFiles(set)) {
      const text = fs.readFileSync(path.join(ROOT, "templates", file), "utf8");
      entries.push(`${JSON.stringify(file)}: { sha256: ${JSON.stringify(sha256(text))}, spec: ${Handlebars.precompile(text, options)} }`);
    }
  return `/* Generated from templates/ by scripts/build-templates.js (npm run build). Do not edit. */\n"use strict";\nmodule.exports = {\n${entries.join(",\n")}\n};\n`;
}

function main() {
  fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
  fs.writeFileSync(OUT_FILE, templatesSource());
}

module.exports = { OUT_FILE, TEMPLATE_SETS, templateFiles, templatesSource };
if (require.main === module) main();
