/**
 * The player templates (templates/player/*.hbs) in a Handlebars environment of their own (precompiled by the build,
 * see src/core/handlebars-templates.ts). Templates may
 * only use escaping `{{ }}`: raw output is refused at compile time, and HTML that this module itself
 * produced (the config JSON, a nested snippet) is passed in marked with `trusted`.
 */
import type Handlebars from "handlebars";
import { loadTemplateSet, TEMPLATE_OPTIONS, TemplateSet } from "../core/handlebars-templates";

export type TemplateName = "snippet-hlsjs" | "snippet-videojs" | "live-badge" | "page" | "product-page";

/** Marks HTML produced by our own code (never user text) so `{{ }}` inserts it as is. */
export function trusted(html: string): Handlebars.SafeString {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the runtime only (SafeString), not the compiler
  const { SafeString } = require("handlebars/runtime") as typeof Handlebars;
  return new SafeString(html);
}

function refuseUnescaped(source: string, name: string): void {
  if (/\{\{\{|\{\{~?\s*&/.test(source))
    throw new Error(`templates/player/${name}.hbs uses unescaped output ({{{ }}} or {{& }}); pass our own HTML with trusted() instead`);
}

/** Compiles a player template in-process with the set's options, after the unescaped-output check. */
export function compilePlayerTemplate(source: string, name: string): Handlebars.TemplateDelegate {
  refuseUnescaped(source, name);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiler, loaded only here
  return (require("handlebars") as typeof Handlebars).create().compile(source, TEMPLATE_OPTIONS.player);
}

let players: TemplateSet | undefined;

/** The player set; its partials: shared player start-up (config, note, signed-URL handling) and the live status. Every source is checked. */
export function playerTemplates(compileHere = false): TemplateSet {
  const load = () =>
    loadTemplateSet(
      "player",
      { "player-setup": "player/player-setup.hbs", "live-status": "player/live-status.hbs" },
      (file, source) => refuseUnescaped(source, file.replace(/^player\/|\.hbs$/g, "")),
      compileHere,
    );
  return compileHere ? load() : (players ??= load());
}

export function renderTemplate(name: TemplateName, context: object, set: TemplateSet = playerTemplates()): string {
  return set.template(`player/${name}.hbs`)(context);
}
