/**
 * Internal consistency of a generated module: what it refers to exists, MediaLive's names line up
 * (descriptions, destinations, audio selectors, one destination URL per pipeline), and nothing that
 * belongs to a root configuration or to a secret store is written into it.
 */
import { Finding, isInterpolated } from "./findings";
import { Traversal, traversalsIn, traversalsInTemplate } from "./expressions";
import type { Json } from "../types/json";
import { ModuleFiles, blocks, resourcesOf } from "./module-files";

/** Roots Terraform itself provides. `each`/`count` are only meaningful under for_each/count; terraform validate checks that. */
const BUILTIN_ROOTS = new Set(["each", "count", "path", "terraform", "self"]);

/** Meta-arguments whose strings are bare references, not templates (depends_on and replace_triggered_by are read as expressions below). */
const NOT_TEMPLATES = new Set(["depends_on", "provider", "providers", "ignore_changes", "replace_triggered_by"]);

interface ReferenceSite {
  file: string;
  path: string;
  traversal: Traversal;
}

/** Every reference the module makes: `${...}` in every template position, and bare depends_on / replace_triggered_by entries. */
export function referencesOf(module: ModuleFiles): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  const visit = (value: unknown, file: string, path: string, allowedRoots: Set<string>, key?: string) => {
    if (typeof value === "string") {
      if (key && NOT_TEMPLATES.has(key)) return;
      for (const t of traversalsInTemplate(value)) if (!allowedRoots.has(t.parts[0])) sites.push({ file, path, traversal: t });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        if ((key === "depends_on" || key === "replace_triggered_by") && typeof v === "string") {
          const expr = v.startsWith("${") && v.endsWith("}") ? v.slice(2, -1) : v;
          for (const t of traversalsIn(expr)) sites.push({ file, path: `${path}[${i}]`, traversal: t });
        } else visit(v, file, `${path}[${i}]`, allowedRoots, key);
      });
      return;
    }
    if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value as Json)) {
        if (k === "//") continue;
        // dynamic "x" { for_each = ..., iterator = it, content { ... it.value ... } }: x (or the iterator) is bound inside
        if (key === "dynamic") {
          const bound = new Set([...allowedRoots, k, ...(typeof (v as Json)?.iterator === "string" ? [(v as Json).iterator] : [])]);
          visit(v, file, `${path}.${k}`, bound, k);
        } else visit(v, file, `${path}.${k}`, allowedRoots, k);
      }
    }
  };
  for (const [file, doc] of module.files)
    for (const [block, body] of Object.entries(doc)) {
      if (block === "variable") {
        // defaults are literal values; only validation conditions and messages are expressions
        for (const [name, v] of Object.entries((body ?? {}) as Json))
          visit((v as Json).validation, file, `variable.${name}.validation`, new Set(), "validation");
        continue;
      }
      if (block === "terraform") continue;
      visit(body, file, block, new Set(), block);
    }
  return sites;
}

/** TF-REFERENCE-DECLARED: every reference points at a declared resource, data source, variable, local or module. */
export function checkReferences(module: ModuleFiles): Finding[] {
  const d = module.declarations;
  const findings: Finding[] = [];
  for (const { file, path, traversal } of referencesOf(module)) {
    const [root, a, b] = traversal.parts;
    const report = (message: string) => findings.push({ rule: "TF-REFERENCE-DECLARED", file, path, message: `${traversal.text}: ${message}` });
    if (BUILTIN_ROOTS.has(root)) continue;
    if (root === "var") {
      if (!d.variables.has(a)) report(`variable "${a}" is not declared`);
    } else if (root === "local") {
      if (!d.locals.has(a)) report(`local "${a}" is not declared`);
    } else if (root === "module") {
      if (!d.modules.has(a)) report(`module "${a}" is not declared`);
    } else if (root === "data") {
      if (!d.data.get(a)?.has(b)) report(`data source ${a}.${b} is not declared`);
    } else if (/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(root)) {
      if (a === "[]" || a === "*") report("a resource reference needs a name");
      else if (!d.resources.get(root)?.has(a))
        report(`resource ${root}.${a} is not declared${d.resources.has(root) ? ` (declared ${root}: ${[...d.resources.get(root)!].join(", ")})` : ""}`);
    } else report(`"${root}" is not a variable, local, data source, module, resource or Terraform built-in`);
  }
  return findings;
}

/** TF-NO-CDKTF-METADATA: cdktf's "//" metadata keys (construct paths, unique ids) must not reach published modules. */
export function checkNoCdktfMetadata(module: ModuleFiles): Finding[] {
  const findings: Finding[] = [];
  const visit = (value: unknown, file: string, path: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, file, `${path}[${i}]`));
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value as Json)) {
        if (k === "//")
          findings.push({ rule: "TF-NO-CDKTF-METADATA", file, path: path ? `${path}.//` : "//", message: 'cdktf metadata key "//" in a published module' });
        else visit(v, file, path ? `${path}.${k}` : k);
      }
  };
  for (const [file, doc] of [...module.files, ...module.examples]) visit(doc, file, "");
  return findings;
}

/** TF-NO-PROVIDER-OR-BACKEND: a reusable module configures neither providers nor state; its caller does. */
export function checkNoProviderOrBackend(module: ModuleFiles): Finding[] {
  const findings: Finding[] = [];
  for (const [file, doc] of module.files) {
    if (doc.provider)
      findings.push({
        rule: "TF-NO-PROVIDER-OR-BACKEND",
        file,
        path: "provider",
        message:
          "a module must not configure providers (the calling root passes them); it makes the module impossible to use with count/for_each and other regions",
      });
    for (const key of ["backend", "cloud"])
      if (doc.terraform?.[key])
        findings.push({
          rule: "TF-NO-PROVIDER-OR-BACKEND",
          file,
          path: `terraform.${key}`,
          message: `a module must not declare terraform.${key}; state belongs to the root configuration`,
        });
  }
  return findings;
}

/** What secrets look like when written as literals into a module. */
const SECRET_VALUE_PATTERNS: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, what: "an AWS access key id" },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: "a private key" },
  {
    pattern: /^rtmps?:\/\/[^/]+\/.+\/([a-z0-9]{4}(-[a-z0-9]{4}){3,}|live_[0-9]+_[A-Za-z0-9]+|FB-[0-9]+-[0-9]+-[A-Za-z0-9_-]+)$/i,
    what: "an RTMP URL ending in a stream key",
  },
];
/** Attributes that hold secrets; a literal value (anything but an expression) there is a leaked secret. */
const SECRET_ATTRIBUTES = new Set(["password", "secret_key", "access_key", "private_key", "stream_key", "token", "api_key", "passphrase"]);

/** TF-NO-SECRET-LITERALS: secrets come in through sensitive variables, never as literals. */
export function checkNoSecretLiterals(module: ModuleFiles): Finding[] {
  const findings: Finding[] = [];
  const visit = (value: unknown, file: string, path: string, key: string | undefined, inVariable: boolean) => {
    if (typeof value === "string") {
      if (!isInterpolated(value) && key && SECRET_ATTRIBUTES.has(key) && value !== "" && !inVariable)
        findings.push({ rule: "TF-NO-SECRET-LITERALS", file, path, message: `${key} is a literal; pass secrets through a sensitive variable` });
      for (const { pattern, what } of SECRET_VALUE_PATTERNS)
        if (pattern.test(value)) findings.push({ rule: "TF-NO-SECRET-LITERALS", file, path, message: `looks like ${what} written into the module` });
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, file, `${path}[${i}]`, key, inVariable));
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value as Json)) visit(v, file, path ? `${path}.${k}` : k, k, inVariable || path === "variable");
  };
  for (const [file, doc] of [...module.files, ...module.examples]) visit(doc, file, "", undefined, false);
  // A MediaLive RTMP destination's stream_name is the platform's stream key: it must come from a variable.
  for (const { file, type, name, body } of resourcesOf(module)) {
    if (type !== "aws_medialive_channel") continue;
    blocks(body.destinations).forEach((dest, i) =>
      blocks(dest.settings).forEach((s, j) => {
        if (typeof s.stream_name === "string" && s.stream_name !== "" && !isInterpolated(s.stream_name) && /^rtmps?:/.test(String(s.url ?? "")))
          findings.push({
            rule: "TF-NO-SECRET-LITERALS",
            file,
            path: `resource.${type}.${name}.destinations[${i}].settings[${j}].stream_name`,
            message: "the stream key of an RTMP destination is a literal; it must come from a sensitive variable",
          });
      }),
    );
  }
  return findings;
}

/** TF-REQUIRED-PROVIDERS: every provider whose resources the module uses is required with its hashicorp source. */
export function checkRequiredProviders(module: ModuleFiles): Finding[] {
  const findings: Finding[] = [];
  const required: Json = {};
  let versionsFile = "versions.tf.json";
  for (const [file, doc] of module.files)
    if (doc.terraform?.required_providers) {
      Object.assign(required, ...blocks(doc.terraform.required_providers));
      versionsFile = file;
    }
  const used = new Set<string>();
  for (const type of [...module.declarations.resources.keys(), ...module.declarations.data.keys()]) used.add(type.split("_")[0]);
  for (const provider of used) {
    const req = required[provider];
    if (!req)
      findings.push({
        rule: "TF-REQUIRED-PROVIDERS",
        file: versionsFile,
        path: "terraform.required_providers",
        message: `the module uses ${provider}_* resources but does not require provider "${provider}"`,
      });
    else if (req.source !== `hashicorp/${provider}`)
      findings.push({
        rule: "TF-REQUIRED-PROVIDERS",
        file: versionsFile,
        path: `terraform.required_providers.${provider}.source`,
        message: `expected source hashicorp/${provider}, found ${JSON.stringify(req.source)}`,
      });
    else if (!req.version)
      findings.push({
        rule: "TF-REQUIRED-PROVIDERS",
        file: versionsFile,
        path: `terraform.required_providers.${provider}`,
        message: `provider "${provider}" has no version constraint`,
      });
  }
  for (const provider of Object.keys(required))
    if (!used.has(provider))
      findings.push({
        rule: "TF-REQUIRED-PROVIDERS",
        file: versionsFile,
        path: `terraform.required_providers.${provider}`,
        message: `provider "${provider}" is required but the module has no ${provider}_* resource or data source`,
      });
  return findings;
}

/** TF-EXAMPLE-CALLS-MODULE: each example passes every required variable of the module, and only declared ones. */
export function checkExamples(module: ModuleFiles): Finding[] {
  const findings: Finding[] = [];
  const META = new Set(["source", "version", "providers", "count", "for_each", "depends_on"]);
  const vars = module.declarations.variables;
  for (const [file, doc] of module.examples)
    for (const [name, call] of Object.entries((doc.module ?? {}) as Json)) {
      if (call.source !== "../.." && call.source !== "../../") continue;
      for (const arg of Object.keys(call))
        if (!META.has(arg) && arg !== "//" && !vars.has(arg))
          findings.push({ rule: "TF-EXAMPLE-CALLS-MODULE", file, path: `module.${name}.${arg}`, message: `the module has no variable "${arg}"` });
      for (const [v, decl] of vars)
        if (decl.default === undefined && !(v in call))
          findings.push({ rule: "TF-EXAMPLE-CALLS-MODULE", file, path: `module.${name}`, message: `required variable "${v}" is not passed` });
    }
  return findings;
}

const names = (list: unknown) =>
  new Set(
    blocks(list)
      .map((b) => b.name)
      .filter((n): n is string => typeof n === "string"),
  );

/** Every MediaLive output of a channel with its JSON path. */
function* channelOutputs(encoder: Json, where: string): Generator<{ output: Json; path: string; group: Json; groupPath: string }> {
  const groups = blocks(encoder.output_groups);
  for (const [g, group] of groups.entries()) {
    const groupPath = `${where}.encoder_settings.output_groups[${g}]`;
    for (const [o, output] of blocks(group.outputs).entries()) yield { output, path: `${groupPath}.outputs[${o}]`, group, groupPath };
  }
}

/** ML-OUTPUT-DESCRIPTIONS: outputs name video, audio and caption descriptions the channel declares; names are unique. */
export function checkOutputDescriptions(module: ModuleFiles): Finding[] {
  const findings: Finding[] = [];
  for (const { file, type, name, body } of resourcesOf(module)) {
    if (type !== "aws_medialive_channel") continue;
    const where = `resource.${type}.${name}`;
    const encoder = blocks(body.encoder_settings)[0];
    if (!encoder) continue;
    const kinds = { video: "video_descriptions", audio: "audio_descriptions", caption: "caption_descriptions" } as const;
    const declared = { video: names(encoder.video_descriptions), audio: names(encoder.audio_descriptions), caption: names(encoder.caption_descriptions) };
    for (const [kind, key] of Object.entries(kinds)) {
      const all = blocks(encoder[key]).map((b) => b.name);
      for (const dup of new Set(all.filter((n, i) => all.indexOf(n) !== i)))
        findings.push({
          rule: "ML-OUTPUT-DESCRIPTIONS",
          file,
          path: `${where}.encoder_settings.${key}`,
          message: `${kind} description name "${dup}" is used twice`,
        });
    }
    const report = (path: string, message: string) => findings.push({ rule: "ML-OUTPUT-DESCRIPTIONS", file, path, message });
    for (const { output, path } of channelOutputs(encoder, where)) {
      const v = output.video_description_name;
      if (typeof v === "string" && !isInterpolated(v) && !declared.video.has(v))
        report(`${path}.video_description_name`, `video description "${v}" is not declared (declared: ${[...declared.video].join(", ") || "none"})`);
      for (const [key, kind] of [
        ["audio_description_names", "audio"],
        ["caption_description_names", "caption"],
      ] as const)
        for (const [i, a] of ([] as unknown[]).concat(output[key] ?? []).entries())
          if (typeof a === "string" && !isInterpolated(a) && !declared[kind].has(a))
            report(`${path}.${key}[${i}]`, `${kind} description "${a}" is not declared (declared: ${[...declared[kind]].join(", ") || "none"})`);
    }
  }
  return findings;
}

/** Every destination_ref_id under a value, with its path. */
function* destinationRefs(value: unknown, path: string): Generator<{ ref: string; path: string }> {
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* destinationRefs(v, `${path}[${i}]`);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value as Json)) {
      if (k === "destination_ref_id" && typeof v === "string") yield { ref: v, path: `${path}.${k}` };
      else yield* destinationRefs(v, `${path}.${k}`);
    }
}

/** ML-DESTINATION-REFS: every destination_ref_id names a destination of the channel; destination ids are unique. */
export function checkDestinationRefs(module: ModuleFiles): Finding[] {
  const findings: Finding[] = [];
  for (const { file, type, name, body } of resourcesOf(module)) {
    if (type !== "aws_medialive_channel") continue;
    const where = `resource.${type}.${name}`;
    const ids = blocks(body.destinations).map((d) => d.id);
    for (const dup of new Set(ids.filter((n, i) => ids.indexOf(n) !== i)))
      findings.push({ rule: "ML-DESTINATION-REFS", file, path: `${where}.destinations`, message: `destination id "${dup}" is used twice` });
    for (const { ref, path } of destinationRefs(body.encoder_settings, `${where}.encoder_settings`))
      if (!isInterpolated(ref) && !ids.includes(ref))
        findings.push({
          rule: "ML-DESTINATION-REFS",
          file,
          path,
          message: `destination "${ref}" is not declared in destinations (declared: ${ids.join(", ") || "none"})`,
        });
  }
  return findings;
}

/**
 * ML-AUDIO-SELECTORS: every audio description's audio_selector_name is a selector of every input attachment.
 * MediaLive User Guide, "Plan the audio selectors": every input has the same number of selectors, with the same
 * names, because an output references a selector once, not once per input
 * (https://docs.aws.amazon.com/medialive/latest/ug/ips-plan-audio-sels.html).
 */
export function checkAudioSelectors(module: ModuleFiles): Finding[] {
  const findings: Finding[] = [];
  for (const { file, type, name, body } of resourcesOf(module)) {
    if (type !== "aws_medialive_channel") continue;
    const where = `resource.${type}.${name}`;
    const attachments = blocks(body.input_attachments);
    const selectorsOf = (a: Json) => names(blocks(a.input_settings)[0]?.audio_selector ?? blocks(a.input_settings)[0]?.audio_selectors);
    const encoder = blocks(body.encoder_settings)[0] ?? {};
    blocks(encoder.audio_descriptions).forEach((ad, i) => {
      const selector = ad.audio_selector_name;
      if (typeof selector !== "string" || isInterpolated(selector)) return;
      attachments.forEach((a, j) => {
        if (!selectorsOf(a).has(selector))
          findings.push({
            rule: "ML-AUDIO-SELECTORS",
            file,
            path: `${where}.encoder_settings.audio_descriptions[${i}].audio_selector_name`,
            message: `audio selector "${selector}" is not declared in input attachment ${JSON.stringify(a.input_attachment_name ?? j)} (input_settings.audio_selector); MediaLive needs the same selector names in every input`,
          });
      });
    });
  }
  return findings;
}

/**
 * ML-PIPELINE-DESTINATIONS: a STANDARD channel runs two pipelines and needs two URLs per destination, a
 * SINGLE_PIPELINE channel exactly one (MediaPackage destinations by channel id are exempt: one entry serves both).
 */
export function checkPipelineDestinations(module: ModuleFiles): Finding[] {
  const findings: Finding[] = [];
  for (const { file, type, name, body } of resourcesOf(module)) {
    if (type !== "aws_medialive_channel" || isInterpolated(body.channel_class)) continue;
    const expected = body.channel_class === "SINGLE_PIPELINE" ? 1 : 2; // STANDARD is the API default
    blocks(body.destinations).forEach((dest, i) => {
      if (blocks(dest.media_package_settings).length || blocks(dest.multiplex_settings).length) return;
      const count = blocks(dest.settings).length;
      if (count !== expected)
        findings.push({
          rule: "ML-PIPELINE-DESTINATIONS",
          file,
          path: `resource.${type}.${name}.destinations[${i}].settings`,
          message: `destination "${dest.id}" has ${count} URL(s); a ${body.channel_class ?? "STANDARD"} channel needs ${expected} (one per pipeline)`,
        });
    });
  }
  return findings;
}
