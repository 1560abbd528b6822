/**
 * Evaluates what the generated Terraform hands to AWS to shape an event, the way AWS evaluates it:
 * Step Functions payload templates (`key.$` JSONPaths and States.Format), the publishing state machines
 * the module defines (Choice -> events:putEvents task), EventBridge event patterns and input
 * transformers. Only the subset the module uses; anything else throws, so a test cannot pass by
 * skipping what it does not understand. A path that does not resolve throws too: Step Functions fails
 * the execution (States.Runtime) in that case, so the event would never be sent.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `$`, `$.a.b`, `$.a[0]`, `$['a-b']` over a JSON value. */
export function readPath(root: unknown, path: string): unknown {
  if (!path.startsWith("$")) throw new Error(`not a JSONPath: ${path}`);
  const steps = [...path.slice(1).matchAll(/\.([A-Za-z0-9_-]+)|\[(\d+)\]|\['([^']+)'\]|(.)/g)];
  let value: unknown = root;
  for (const [, name, index, quoted, stray] of steps) {
    if (stray !== undefined) throw new Error(`unsupported JSONPath ${path}`);
    const key = name ?? quoted ?? Number(index);
    if (value === null || typeof value !== "object" || !(key in value)) throw new Error(`JSONPath ${path} does not resolve (at ${String(key)})`);
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** The intrinsics the module uses: States.Format('{} ... {}', $.a, $.b) and States.JsonToString($.a). */
function intrinsic(expression: string, input: unknown): string {
  const json = /^States\.JsonToString\((\$[^)]*)\)$/.exec(expression.trim());
  if (json) return JSON.stringify(readPath(input, json[1]));
  return statesFormat(expression, input);
}

function statesFormat(expression: string, input: unknown): string {
  const m = /^States\.Format\('((?:[^'\\]|\\.)*)'((?:\s*,\s*\$[^,)]*)*)\)$/.exec(expression.trim());
  if (!m) throw new Error(`unsupported intrinsic: ${expression}`);
  const args = m[2]
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => readPath(input, a));
  let i = 0;
  return m[1].replace(/\{\}/g, () => {
    if (i >= args.length) throw new Error(`States.Format has more {} than arguments: ${expression}`);
    return String(args[i++]);
  });
}

/** A payload template (Parameters): keys ending in `.$` take a JSONPath or an intrinsic, the rest are copied. */
export function evaluatePayloadTemplate(template: unknown, input: unknown): unknown {
  if (Array.isArray(template)) return template.map((t) => evaluatePayloadTemplate(t, input));
  if (template === null || typeof template !== "object") return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith(".$")) {
      if (typeof value !== "string") throw new Error(`${key} must be a string path`);
      out[key.slice(0, -2)] = value.startsWith("States.") ? intrinsic(value, input) : readPath(input, value);
    } else out[key] = evaluatePayloadTemplate(value, input);
  }
  return out;
}

export interface PutEventsEntry {
  EventBusName: string;
  Source: string;
  DetailType: string;
  Detail: Record<string, unknown>;
}

interface State {
  Type: string;
  Choices?: Array<{ Variable: string; StringEquals: string; Next: string }>;
  Default?: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  Parameters?: unknown;
  ResultPath?: string | null;
}

/** An S3 PutObject the definition's aws-sdk:s3:putObject tasks would make. */
export interface S3Put {
  Bucket: string;
  Key: string;
  Body: string;
  ContentType?: string;
  CacheControl?: string;
}

/**
 * Runs a publishing state machine definition (as the module writes it) on one input and returns the
 * PutEvents entries and S3 puts its tasks would make (none when it routes to a Succeed state).
 */
export function runDefinition(definition: { StartAt: string; States: Record<string, State> }, input: unknown): { events: PutEventsEntry[]; puts: S3Put[] } {
  const events: PutEventsEntry[] = [];
  const puts: S3Put[] = [];
  let data = structuredClone(input) as Record<string, unknown>;
  let name: string | undefined = definition.StartAt;
  for (let steps = 0; name !== undefined; steps++) {
    if (steps > 50) throw new Error("state machine did not finish in 50 steps");
    const state: State | undefined = definition.States[name];
    if (!state) throw new Error(`no state ${name}`);
    if (state.Type === "Succeed") break;
    if (state.Type === "Choice") {
      const hit: { Next: string } | undefined = (state.Choices ?? []).find((c) => {
        if (Object.keys(c).some((k) => !["Variable", "StringEquals", "Next"].includes(k))) throw new Error(`unsupported choice rule ${JSON.stringify(c)}`);
        return readPathOrUndefined(data, c.Variable) === c.StringEquals;
      });
      name = hit ? hit.Next : state.Default;
      if (name === undefined) throw new Error("Choice without a match or Default (States.NoChoiceMatched)");
      continue;
    }
    let result: unknown;
    if (state.Type === "Pass") result = state.Parameters === undefined ? data : evaluatePayloadTemplate(state.Parameters, data);
    else if (state.Type === "Task" && /:states:::events:putEvents$/.test(state.Resource ?? "")) {
      const params = evaluatePayloadTemplate(state.Parameters, data) as { Entries: PutEventsEntry[] };
      events.push(...params.Entries);
      result = { Entries: params.Entries.map(() => ({ EventId: "00000000-0000-0000-0000-000000000000" })), FailedEntryCount: 0 };
    } else if (state.Type === "Task" && /:states:::aws-sdk:s3:putObject$/.test(state.Resource ?? "")) {
      const params = evaluatePayloadTemplate(state.Parameters, data) as S3Put;
      if (typeof params.Body !== "string") throw new Error("S3 PutObject Body must be a string");
      puts.push(params);
      result = { ETag: '"0"' };
    } else if (state.Type === "Task") throw new Error(`unsupported task resource ${state.Resource}`);
    else throw new Error(`unsupported state type ${state.Type}`);
    data = applyResultPath(data, state.ResultPath, result);
    name = state.End ? undefined : state.Next;
  }
  return { events, puts };
}

/** The PutEvents entries a publishing state machine would send for one input. */
export function runPublishingDefinition(definition: { StartAt: string; States: Record<string, State> }, input: unknown): PutEventsEntry[] {
  return runDefinition(definition, input).events;
}

/** ResultPath: absent replaces the input with the result, null keeps the input, "$.x" sets one field. */
function applyResultPath(input: Record<string, unknown>, resultPath: string | null | undefined, result: unknown): Record<string, unknown> {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === "$") return result as Record<string, unknown>;
  const m = /^\$\.([A-Za-z0-9_]+)$/.exec(resultPath);
  if (!m) throw new Error(`unsupported ResultPath ${resultPath}`);
  return { ...input, [m[1]]: result };
}

function readPathOrUndefined(root: unknown, path: string): unknown {
  try {
    return readPath(root, path);
  } catch {
    return undefined;
  }
}

/** An EventBridge event pattern: arrays of literals or {prefix} matchers, nested objects. */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  if (Array.isArray(pattern)) {
    return pattern.some((p) => {
      if (p !== null && typeof p === "object") {
        const keys = Object.keys(p);
        if (keys.length === 1 && keys[0] === "prefix") return typeof event === "string" && event.startsWith((p as { prefix: string }).prefix);
        throw new Error(`unsupported pattern matcher ${JSON.stringify(p)}`);
      }
      return p === event;
    });
  }
  if (pattern === null || typeof pattern !== "object") throw new Error(`pattern values are arrays or objects: ${JSON.stringify(pattern)}`);
  if (event === null || typeof event !== "object") return false;
  return Object.entries(pattern).every(([k, p]) => k in event && matchesPattern(p, (event as Record<string, unknown>)[k]));
}

/**
 * An EventBridge input transformer: `<name>` placeholders in the template take the value at the
 * input path: strings as their raw text, other values as JSON. The result must parse as JSON, which
 * the caller checks (EventBridge refuses to deliver a transformation that does not).
 */
export function applyInputTransformer(inputPaths: Record<string, string>, template: string, event: unknown): string {
  const values = Object.fromEntries(Object.entries(inputPaths).map(([k, p]) => [k, readPath(event, p)]));
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    const m = c === "<" ? /^<([A-Za-z0-9_-]+)>/.exec(template.slice(i)) : null;
    if (m && m[1] in values) {
      // As EventBridge does: a string goes in as its raw text (quoted or not), anything else as JSON.
      const v = values[m[1]] as Json;
      out += typeof v === "string" ? v : JSON.stringify(v);
      i += m[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** The event EventBridge delivers for one PutEvents entry (the envelope it adds around Detail). */
export function deliveredEvent(entry: PutEventsEntry, at: { id: string; account: string; region: string; time: string }): Record<string, unknown> {
  return {
    version: "0",
    id: at.id,
    "detail-type": entry.DetailType,
    source: entry.Source,
    account: at.account,
    time: at.time,
    region: at.region,
    resources: [],
    detail: entry.Detail,
  };
}
