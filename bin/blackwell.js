#!/usr/bin/env node
"use strict";
// Runs the compiled CLI (npm run build first). No ts-node on the user's path.
const path = require("node:path");
const entry = path.join(__dirname, "..", "dist", "src", "cli", "run.js");
try {
  require.resolve(entry);
} catch {
  process.stderr.write(`error: blackwell is not built yet: run npm run build in ${path.resolve(__dirname, "..")}\n`);
  process.exit(1);
}
require(entry);
