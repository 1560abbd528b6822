/**
 * A hostile pipeline title cannot change the HTML's structure: rendered with the hostile title, then
 * with its escaped form replaced by a plain marker, the output is byte-identical to the plain render.
 * So the title appears only as escaped text and attribute values, never as markup or script.
 */
import Handlebars from "handlebars";
import { renderPage, renderSnippet } from "../../src/embed/render";
import { renderSnippetForTerraform } from "../../src/embed/terraform-snippet";
import { DASH_URL, HLS_URL, examplePipeline, input } from "./fixtures";

const MARKER = "PlainTitleMarker";
const HOSTILE_TITLES = [
  "</script><script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)' x='",
  "--><script>alert(1)</script><!--",
  "` onfocus=`alert(1)",
  "{{constructor.constructor('alert(1)')()}}",
  "</title><script>alert(document.domain)</script>",
  "\u2028</script>\u2029<svg onload=alert(1)>",
  "${var.secret} %{ if true }x%{ endif } $${already} %%{escaped}",
];

describe.each(HOSTILE_TITLES)("title %j", (title) => {
  const escaped = Handlebars.escapeExpression(title);

  test("escaped form carries no markup characters", () => {
    expect(escaped).not.toMatch(/[<>"'`=]/);
  });

  for (const player of ["hlsjs", "videojs"] as const) {
    test(`${player} snippet and page: the title only ever appears escaped`, () => {
      const urls = { hls: HLS_URL, dash: DASH_URL };
      for (const render of [renderSnippet, renderPage]) {
        const hostile = render(input({ title, player, urls }, { signed: true, poster: "https://img.example.com/p.jpg" }));
        const plain = render(input({ title: MARKER, player, urls }, { signed: true, poster: "https://img.example.com/p.jpg" }));
        expect(hostile.includes(escaped)).toBe(true);
        expect(hostile.split(escaped).join(MARKER)).toBe(plain);
      }
    });
  }

  test("Terraform snippet: the same, after Terraform escaping", () => {
    const pipeline = examplePipeline();
    const hostile = renderSnippetForTerraform({ ...pipeline, title });
    const plain = renderSnippetForTerraform({ ...pipeline, title: MARKER });
    const terraformEscaped = escaped.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
    expect(hostile.split(terraformEscaped).join(MARKER)).toBe(plain);
  });
});
