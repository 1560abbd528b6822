/** Every command a user can run answers --help with its options and at least one example of itself. */
import * as fs from "node:fs";
import { mediaCommands } from "../../src/cli/commands";
import { projectPath } from "../../src/core/project-paths";
import { runCli } from "../support/cli";

// Commands that only group others ("cost <command>") are checked through their subcommands.
const GROUPS: Record<string, string[][]> = {
  cost: [
    ["cost", "estimate"],
    ["cost", "plan"],
    ["cost", "refresh-prices"],
    ["cost", "report"],
  ],
  template: [["template", "save"]],
  create: [["create", "pipeline"]],
  events: [
    ["events", "sample"],
    ["events", "schema"],
  ],
  stream: [
    ["stream", "start"],
    ["stream", "stop"],
    ["stream", "monitor"],
    ["stream", "ad-break"],
    ["stream", "switch-input"],
    ["stream", "slate"],
  ],
};
const leaves = mediaCommands.flatMap((c) => {
  const name = String(c.command).split(" ")[0];
  return GROUPS[name] ?? [[name]];
});

test.each(leaves.map((words) => [words.join(" "), words]))("media %s --help shows options and an example of itself", (_, words) => {
  const r = runCli(["media", ...words, "--help"]);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("Options:");
  expect(r.stdout).toContain("Examples:");
  expect(r.stdout).toContain(`blackwell media ${words.join(" ")}`);
});

test("every command is in the README's table of commands", () => {
  const readme = fs.readFileSync(projectPath("README.md"), "utf8");
  const table = readme.slice(readme.indexOf("## Commands"), readme.indexOf("\n## ", readme.indexOf("## Commands") + 1));
  const documented = [...table.matchAll(/`media ([^`]+)`/g)].map((m) => m[1]);
  const missing = leaves.filter((words) => !documented.some((d) => new RegExp(`(^|[ |])${words[0]}([ |]|$)`).test(d)));
  expect(missing).toEqual([]);
});
