/**
 * The player templates (templates/player/*.hbs) in a Handlebars environment of their own. Templates may
 * only use escaping `{{ }}`: raw output is refused at compile time, and HTML that this module itself
 * produced (the config JSON, a nested snippet) is passed in marked with `trusted`.
 */
import * as fs from "node:fs";
import Handlebars from "handlebars";
import { projectPath } from "../core/project-paths";

const hbs = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

export type TemplateName = "snippet-hlsjs" | "snippet-videojs" | "live-badge" | "page" | "product-page";

/** Marks HTML produced by our own code (never user text) so `{{ }}` inserts it as is. */
export function trusted(html: string): Handlebars.SafeString {
  return new hbs.SafeString(html);
}

export function compilePlayerTemplate(source: string, name: string): Handlebars.TemplateDelegate {
  if (/\{\{\{|\{\{~?\s*&/.test(source))
    throw new Error(`templates/player/${name}.hbs uses unescaped output ({{{ }}} or {{& }}); pass our own HTML with trusted() instead`);
  // strict: a misspelled field throws instead of rendering empty.
  return hbs.compile(source, { strict: true, knownHelpers: { if: true, each: true, unless: true }, knownHelpersOnly: true });
}

function readTemplate(name: string): string {
  return fs.readFileSync(projectPath("templates", "player", `${name}.hbs`), "utf8");
}

let partialsRegistered = false;

export function renderTemplate(name: TemplateName, context: object): string {
  if (!partialsRegistered) {
    // Shared player start-up (config, note, signed-URL handling); checked like any template.
    compilePlayerTemplate(readTemplate("player-setup"), "player-setup");
    hbs.registerPartial("player-setup", readTemplate("player-setup"));
    compilePlayerTemplate(readTemplate("live-status"), "live-status");
    hbs.registerPartial("live-status", readTemplate("live-status"));
    partialsRegistered = true;
  }
  let t = compiled.get(name);
  if (!t) {
    t = compilePlayerTemplate(readTemplate(name), name);
    compiled.set(name, t);
  }
  return t(context);
}
