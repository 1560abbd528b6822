/**
 * Two jest projects over the compiled tests (dist/test), chosen by file:
 *   unit         pure code in one process: resolve, plans, rules, rendering, cost, mocked AWS. Fast; run it often
 *                (npm run test:unit).
 *   integration  the real terraform with the aws provider, headless Chromium, the CLI as child processes, and the
 *                random-corpus synthesis (npm run test:integration).
 * `npm test` runs both. A new test file is a unit test unless it is listed here: keep slow work out of unit.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const INTEGRATION = [
  "ads/terraform", // terraform validate + plan of a module with the ad and schedule features
  "ads/ad-insertion-terraform", // terraform validate + plan of a module with MediaTailor ad insertion
  "aws/errors", // also runs the CLI with failing AWS endpoints
  "cli/analytics", // the CLI against a fake Athena endpoint
  "cli/configure",
  "cli/ivs-stream", // stream start/stop/monitor of an IVS pipeline against a local IVS endpoint
  "cli/help", // every command's --help as a user runs it
  "cli/project-config",
  "cli/project-folder",
  "cli/rejects-bad-input",
  "cli/schedule", // stream ad-break / switch-input / slate against a fake MediaLive endpoint
  "cli/stream", // a fake AWS endpoint and stream monitor in tmux
  "cli/synth-check",
  "cli/walkthrough", // the README walkthrough, terraform plan --offline
  "cost/client-cost",
  "doctor/checks", // media doctor as a child process
  "cost/inventory-equality", // one offline terraform plan of every example and a random corpus
  "embed/browser",
  "embed/cli",
  "embed/fairplay-browser", // headless Chromium with Safari's FairPlay EME stubbed
  "embed/live-status-browser",
  "embed/product-page-browser",
  "embed/terraform-snippet",
  "events/contract", // runs blackwell media events sample as a child process
  "fleet/destroy-template",
  "fleet/remote-deploy-cli", // deploy-template --remote tfc as a child process against the contract server
  "fleet/run-fleet",
  "fleet/shared-group",
  "ivs/terraform", // terraform validate + plan of a backend ivs module
  "generators/generated-corpus",
  "hardening/cli-usage", // issue 15: the CLI as child processes, terraform, a kill loop
  "hardening/corrupt-records",
  "hardening/out-folder",
  "hardening/parse",
  "hardening/saved-plans",
  "hardening/silent-data",
  "hardening/synth-swap",
  "publish/publish",
  "terraform/plugin-cache",
  "terraform/shared-providers", // real terraform inits from a packed mirror, and plans
  "terraform/workflow",
  "validity/examples",
  "validity/terraform",
  "validity/ecommerce-cors", // real terraform plan and the CLI as a child process
  "validity/srt-terraform", // real terraform validate and plan of SRT caller modules
];
// A renamed or removed file must not leave a stale name here (its tests would silently become unit tests).
for (const name of INTEGRATION)
  if (!fs.existsSync(path.join(__dirname, "test", `${name}.test.ts`)))
    throw new Error(`jest.config.js lists integration test ${name}, but test/${name}.test.ts does not exist`);
const integrationFiles = INTEGRATION.map((name) => `<rootDir>/dist/test/${name}.test.js`);

// How long a test takes depends on the machine's load (two cores shared with others can make terraform ten times
// slower), so no test has a time limit of ours; this one only stops a hung test, far beyond any slow run.
const HUNG_AFTER_MS = 30 * 60_000;

const common = { rootDir: __dirname, testEnvironment: "node", roots: ["<rootDir>/dist/test"] };

module.exports = {
  maxWorkers: 2,
  testTimeout: HUNG_AFTER_MS, // a global option: jest ignores it in a project
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["**/*.test.js"],
      testPathIgnorePatterns: ["/node_modules/", ...INTEGRATION.map((name) => `/dist/test/${name}\\.test\\.js$`)],
    },
    {
      ...common,
      displayName: "integration",
      testMatch: integrationFiles,
    },
  ],
};
