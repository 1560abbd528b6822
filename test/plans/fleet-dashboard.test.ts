/**
 * The fleet dashboard of a creator template (issue 18): one module per template, a row per creator in the template's
 * order, each row's metrics scoped to that creator's channel and distribution (from the creator modules' outputs) and
 * held to CloudWatch's documented metrics (CW-DASHBOARD-METRICS); synthesized only with every creator present.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadPipelines } from "../../src/core/definitions";
import type { UserError } from "../../src/core/problems";
import { projectPath } from "../../src/core/project-paths";
import { fleetModuleSpecs } from "../../src/synth/fleet-modules";
import { renderFleetModule } from "../../src/synth/module-render";
import { checkDashboardBody } from "../../src/validity/dashboard-metrics";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { moduleFromContents } from "../../src/validity/module-files";
import type { Json } from "../../src/types/json";

const loaded = loadPipelines([projectPath("examples", "creator-channel.template.json")]).pipelines;
const [spec] = fleetModuleSpecs(loaded);
const rendered = renderFleetModule(spec);
const monitoring = JSON.parse(rendered.files.get("monitoring.tf.json")!) as Json;
const dashboard = monitoring.resource.aws_cloudwatch_dashboard.fleet;
const widgets = JSON.parse(dashboard.dashboard_body).widgets as Json[];

test("one fleet module per template, a row per creator in the template's order", () => {
  expect(fleetModuleSpecs(loaded).map((s) => s.moduleId)).toEqual(["creator-channel-fleet"]);
  const headers = widgets.filter((w) => w.type === "text").map((w) => w.properties.markdown as string);
  expect(headers[0]).toBe("# Fleet of template creator-channel: 3 creators");
  expect(headers.slice(1).map((h) => /\((\w+)\)$/.exec(h)?.[1])).toEqual(["creator1", "creator2", "creator3"]);
  // Each row: input frame rate and output errors of the channel (creator's region), requests and bytes of its CDN (us-east-1).
  for (const creator of ["creator1", "creator2", "creator3"]) {
    const row = widgets.filter((w) => w.type === "metric" && String(w.properties.title).startsWith(`${creator}:`));
    expect(row.map((w) => `${w.properties.title} @${w.properties.region}`)).toEqual([
      `${creator}: input video frame rate @us-west-2`,
      `${creator}: output errors @us-west-2`,
      `${creator}: viewer requests @us-east-1`,
      `${creator}: bytes downloaded @us-east-1`,
    ]);
    expect(new Set(row.map((w) => w.y)).size).toBe(1);
    // Only this creator's values: its channel and its distribution, read from its entry of var.creators.
    const refs = new Set(JSON.stringify(row).match(/\$\{[^}]+\}/g));
    expect([...refs].sort()).toEqual([`\${local.creator_${creator}.channel_id}`, `\${local.creator_${creator}.distribution_id}`]);
  }
  expect(monitoring.locals.creator_creator2).toBe('${var.creators["creator2"]}');
  // creator3 is development (one channel pipeline), creator1 standard; both SINGLE_PIPELINE: pipeline 0 only.
  expect(JSON.stringify(widgets)).not.toMatch(/"Pipeline","1"/);
});

test("the body passes CW-DASHBOARD-METRICS and the module every validity rule; the input names the template's creators", () => {
  expect(checkDashboardBody(dashboard.dashboard_body, "monitoring.tf.json", "body")).toEqual([]);
  expect(formatFindings(checkModuleFiles(moduleFromContents(rendered.files)).findings)).toBe("");
  const creators = JSON.parse(rendered.files.get("variables.tf.json")!).variable.creators;
  expect(creators.validation[0].condition).toBe('${length(setsubtract(["creator1","creator2","creator3"], keys(var.creators))) == 0}');
  expect(JSON.parse(rendered.files.get("outputs.tf.json")!).output.dashboard_name.value).toBe("${aws_cloudwatch_dashboard.fleet.dashboard_name}");
});

test("NEGATIVE: the shared rule catches a metric on a dimension set the fleet body must not use", () => {
  const broken = dashboard.dashboard_body.replace('"OutputGroupName","mediapackage",', "");
  expect(checkDashboardBody(broken, "monitoring.tf.json", "body").map((f) => f.message)).toEqual(
    expect.arrayContaining([expect.stringMatching(/Output4xxErrors by \[ChannelId,Pipeline\]/)]),
  );
});

test("only with every creator of the template: a synth of some creators leaves the fleet module alone", () => {
  expect(fleetModuleSpecs(loaded.filter((p) => p.template!.creator !== "creator2"))).toEqual([]);
  expect(fleetModuleSpecs(loaded.filter((p) => !p.template))).toEqual([]);
});

test("a creator may not be called fleet (its module would be the fleet dashboard's)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-fleet-"));
  const template = JSON.parse(fs.readFileSync(projectPath("examples", "creator-channel.template.json"), "utf8"));
  fs.writeFileSync(path.join(dir, "t.template.json"), JSON.stringify({ ...template, $schema: undefined, creators: ["creator1", "fleet"] }));
  let problems: Array<{ path: string; rule?: string; message: string }> = [];
  try {
    loadPipelines([dir]);
  } catch (err) {
    problems = (err as UserError).problems;
  }
  expect(problems.map((p) => [p.path, p.rule])).toEqual([["$.creators[1]", "BMF-DUPLICATE-ID"]]);
  expect(problems[0].message).toMatch(/creator-channel-fleet is the module holding the template's fleet dashboard/);
});
