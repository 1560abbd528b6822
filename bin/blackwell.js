#!/usr/bin/env node
"use strict";
// Runs the compiled CLI (npm run build first). No ts-node on the user's path.
require("../dist/src/cli/run.js");
