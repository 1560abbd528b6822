/** The dependency rule of docs/CONTRIBUTING.md holds on the compiled import graph, and the check catches a break. */
import { projectPath } from "../../src/core/project-paths";
import { compiledImportGraph, violations } from "./import-graph";

test("the compiled project keeps the dependency rule", () => {
  const edges = compiledImportGraph(projectPath(), projectPath("dist"));
  expect(edges.length).toBeGreaterThan(100);
  expect(edges.some((e) => e.from.startsWith("generators/") && e.to.startsWith("src/plans/"))).toBe(true);
  expect(violations(edges)).toEqual([]);
});

test("NEGATIVE: each kind of break is reported", () => {
  const broken = [
    { from: "generators/medialive", to: "src/core/resolve" }, // generators import only types and plans
    { from: "src/core/module-render", to: "generators/module-writer" }, // a lower layer imports a higher one
    { from: "src/plans/archive", to: "src/cost/inventory" }, // plans below cost
    { from: "src/cost/inventory", to: "src/embed/render" }, // two features of one layer
    { from: "src/aws/archive", to: "generators/archive-layout" }, // runtime commands read plans, not generator internals
    { from: "src/cost/estimate", to: "cdktf" }, // CDKTF outside the generators
    { from: "generators/cloudfront", to: "@cdktf/provider-aws" }, // the provider package root
    { from: "src/newthing/x", to: "src/core/resolve" }, // a folder the rule does not place
  ];
  const found = violations(broken);
  expect(found).toEqual([
    "generators/medialive -> src/core/resolve: generators imports only src/types and src/plans",
    "src/core/module-render -> generators/module-writer: src/core is below generators and must not import it",
    "src/plans/archive -> src/cost/inventory: src/plans is below src/cost and must not import it",
    "src/cost/inventory -> src/embed/render: src/cost and src/embed are features of one layer and do not import each other",
    "src/aws/archive -> generators/archive-layout: src/aws and generators are features of one layer and do not import each other",
    "src/cost/estimate -> cdktf: CDKTF and the provider bindings are the generators' (the only place that imports them)",
    "generators/cloudfront -> @cdktf/provider-aws: import @cdktf/provider-aws/lib/<resource>, never the package root",
    "src/newthing/x -> src/core/resolve: src/newthing has no layer in the dependency rule",
  ]);
  // The allowed directions stay allowed.
  expect(
    violations([
      { from: "src/synth/module-render", to: "generators/synthesize" },
      { from: "generators/vod", to: "src/plans/vod" },
      { from: "src/cli/commands/cost", to: "src/cost/report" },
      { from: "src/cost/inventory", to: "src/plans/pipeline-plan" },
    ]),
  ).toEqual([]);
});
