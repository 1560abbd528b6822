/**
 * The Handlebars templates `npm run build` precompiles (scripts/build-templates.js -> dist/generated/templates.js) are
 * what rendering uses, are exactly what the templates and options give now, and render the same bytes as templates
 * compiled in-process: the player snippets and pages of many options, and every example module's README (committed).
 */
import * as fs from "node:fs";
import { TEMPLATE_OPTIONS, loadTemplateSet } from "../../src/core/handlebars-templates";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { renderPage, renderSnippet } from "../../src/embed/render";
import * as playerTemplates from "../../src/embed/templates";
import { renderModulesFor } from "../../src/synth/module-render";
import { DASH_URL, HLS_URL, input } from "../embed/fixtures";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is plain JS (it runs before tsc)
const build = require(projectPath("scripts", "build-templates.js")) as { OUT_FILE: string; TEMPLATE_SETS: object; templatesSource: () => string };

test("the precompiled templates are what the templates and their options give now (run npm run build when this fails)", () => {
  expect(build.TEMPLATE_SETS).toEqual(TEMPLATE_OPTIONS);
  expect(fs.readFileSync(build.OUT_FILE, "utf8") === build.templatesSource()).toBe(true);
  expect(loadTemplateSet("module", {}).precompiled).toBe(true);
  expect(playerTemplates.playerTemplates().precompiled).toBe(true);
  expect(playerTemplates.playerTemplates(true).precompiled).toBe(false);
});

test("player snippets, badges and pages render the same bytes precompiled and compiled in-process", () => {
  const calls: Array<[playerTemplates.TemplateName, object]> = [];
  const spy = jest.spyOn(playerTemplates, "renderTemplate").mockImplementation((name, context) => {
    calls.push([name, context]);
    return playerTemplates.playerTemplates().template(`player/${name}.hbs`)(context);
  });
  try {
    renderSnippet(input());
    renderSnippet(input({ player: "videojs", urls: { hls: HLS_URL, dash: DASH_URL } }, { autoplay: true, controls: false, lowLatency: true }));
    renderPage(input({}, { poster: "https://img.example.com/p.jpg", captions: "https://img.example.com/c.vtt", captionsLanguage: "pt-BR" }));
    renderPage(input({ player: "videojs", urls: { dash: DASH_URL } }, { statusUrl: "https://example.com/live.json" }));
  } finally {
    spy.mockRestore();
  }
  expect(new Set(calls.map(([name]) => name))).toEqual(new Set(["snippet-hlsjs", "snippet-videojs", "page", "live-badge"]));
  const compiledHere = playerTemplates.playerTemplates(true);
  for (const [name, context] of calls)
    expect({ name, html: playerTemplates.renderTemplate(name, context) }).toEqual({ name, html: playerTemplates.renderTemplate(name, context, compiledHere) });
});

test("every example module's README, rendered from the precompiled templates, is the committed one", () => {
  const modules = renderModulesFor(loadPipelines([projectPath("examples")]).pipelines.map((p) => p.resolved));
  expect(modules.length).toBeGreaterThan(5);
  for (const m of modules)
    expect({ id: m.pipelineId, readme: m.files.get("README.md") }).toEqual({
      id: m.pipelineId,
      readme: fs.readFileSync(projectPath("modules", m.pipelineId, "README.md"), "utf8"),
    });
});
