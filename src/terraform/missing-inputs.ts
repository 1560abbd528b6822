/**
 * The module inputs a plan still needs: the module's variables without a default that neither the var file
 * nor the working root's *.auto.tfvars.json (shared-group inputs) set. Checked before terraform runs, so the
 * user learns which inputs and how to pass them instead of reading terraform's error for the first one.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readDocument } from "../core/parse-document";
import { UserError } from "../core/problems";

export interface MissingInput {
  name: string;
  description: string;
  sensitive: boolean;
}

function variablesOf(moduleDir: string): Record<string, { default?: unknown; description?: string; sensitive?: boolean }> {
  const file = path.join(moduleDir, "variables.tf.json");
  if (!fs.existsSync(file)) return {};
  return (readDocument(file).data as { variable?: Record<string, { default?: unknown }> }).variable ?? {};
}

function keysOf(file: string): string[] {
  const data = readDocument(file).data;
  return data && typeof data === "object" ? Object.keys(data) : [];
}

export function missingInputs(moduleDir: string, rootDir: string | undefined, varFile?: string, provided: string[] = []): MissingInput[] {
  const given = new Set<string>(provided);
  if (varFile && varFile.endsWith(".json")) for (const k of keysOf(varFile)) given.add(k);
  // A non-JSON var file (HCL .tfvars) is terraform's to read; trust it.
  if (varFile && !varFile.endsWith(".json")) return [];
  if (rootDir && fs.existsSync(rootDir))
    for (const f of fs.readdirSync(rootDir).filter((f) => f.endsWith(".auto.tfvars.json"))) for (const k of keysOf(path.join(rootDir, f))) given.add(k);
  return Object.entries(variablesOf(moduleDir))
    .filter(([name, v]) => !("default" in v) && !given.has(name) && process.env[`TF_VAR_${name}`] === undefined)
    .map(([name, v]) => ({ name, description: v.description ?? "", sensitive: v.sensitive === true }));
}

/** One error naming every missing input and the var file that would pass them. */
export function requireInputs(moduleId: string, moduleDir: string, rootDir: string, varFile: string | undefined, command: string): void {
  const missing = missingInputs(moduleDir, rootDir, varFile);
  if (missing.length === 0) return;
  const example = `{${missing.map((m) => `"${m.name}": "..."`).join(", ")}}`;
  const file = varFile ?? `${moduleId}.tfvars.json`;
  throw new UserError(
    `${moduleId} needs module input${missing.length > 1 ? "s" : ""} ${missing.map((m) => m.name).join(", ")} before terraform can plan it: ` +
      `write them to a var file (echo '${example}' > ${file}) and run ${command} --var-file ${file}` +
      (missing.some((m) => m.sensitive) ? " (keep secret ones out of the command line and out of git)" : ""),
  );
}
