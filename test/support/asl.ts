/**
 * Just enough of Amazon States Language (JSONPath flavour) to run a state machine's decisions offline: Choice rules
 * (StringEquals, And/Or/Not), Parameters with ".$" paths, ResultSelector, ResultPath, Pass, Wait (not waited), Succeed, Fail.
 * Task states call `tasks[Resource]` with the resolved Parameters; the calls are recorded, so a test can assert the
 * exact requests a definition sends and the path it takes.
 */
import type { Json } from "../../src/types/json";

/** $.a.b[0].c, $$.State.EnteredTime; hyphens are allowed in names ($.detail-type). */
export function readPath(root: unknown, path: string, context: Json = {}): unknown {
  const [base, rest] = path.startsWith("$$") ? [context, path.slice(2)] : [root, path.slice(1)];
  let current: unknown = base;
  for (const m of rest.matchAll(/\.([A-Za-z0-9_-]+)|\[(\d+)\]/g)) {
    if (current === null || typeof current !== "object") return undefined;
    current = m[1] !== undefined ? (current as Json)[m[1]] : (current as unknown[])[Number(m[2])];
  }
  return current;
}

export function resolveParameters(template: unknown, input: unknown, context: Json): unknown {
  if (Array.isArray(template)) return template.map((t) => resolveParameters(t, input, context));
  if (!template || typeof template !== "object") return template;
  return Object.fromEntries(
    Object.entries(template as Json).map(([k, v]) =>
      k.endsWith(".$") ? [k.slice(0, -2), readPath(input, v as string, context)] : [k, resolveParameters(v, input, context)],
    ),
  );
}

function setPath(root: Json, path: string, value: unknown): Json {
  if (path === "$") return value as Json;
  const copy = structuredClone(root);
  const keys = path.slice(2).split(".");
  let at: Json = copy;
  for (const k of keys.slice(0, -1)) at = at[k] ??= {};
  at[keys[keys.length - 1]] = value;
  return copy;
}

function ruleMatches(rule: Json, input: unknown, context: Json): boolean {
  if (rule.And) return (rule.And as Json[]).every((r) => ruleMatches(r, input, context));
  if (rule.Or) return (rule.Or as Json[]).some((r) => ruleMatches(r, input, context));
  if (rule.Not) return !ruleMatches(rule.Not, input, context);
  const value = readPath(input, rule.Variable, context);
  if ("StringEquals" in rule) return value === rule.StringEquals;
  throw new Error(`comparison not supported by the offline runner: ${JSON.stringify(rule)}`);
}

export interface Run {
  path: string[];
  calls: Array<{ resource: string; request: unknown }>;
  end: string;
  output: unknown;
}

export function runStateMachine(
  definition: Json,
  input: unknown,
  tasks: Record<string, (request: any) => unknown>, // eslint-disable-line @typescript-eslint/no-explicit-any
  context: Json = { State: { EnteredTime: "2026-12-01T21:35:00Z" } },
): Run {
  const run: Run = { path: [], calls: [], end: "", output: undefined };
  let name: string = definition.StartAt;
  let data: unknown = input;
  for (let steps = 0; steps < 100; steps++) {
    const state = definition.States[name];
    if (!state) throw new Error(`no state ${name}`);
    run.path.push(name);
    let next: string | undefined = state.Next;
    switch (state.Type) {
      case "Choice":
        next = (state.Choices as Json[]).find((r) => ruleMatches(r, data, context))?.Next ?? state.Default;
        if (!next) throw new Error(`States.NoChoiceMatched in ${name}`);
        break;
      case "Wait":
        break;
      case "Pass": {
        const result = state.Parameters ? resolveParameters(state.Parameters, data, context) : data;
        data = state.ResultPath === undefined ? result : state.ResultPath === null ? data : setPath(data as Json, state.ResultPath, result);
        break;
      }
      case "Task": {
        const request = resolveParameters(state.Parameters ?? {}, data, context);
        const handler = tasks[state.Resource];
        if (!handler) throw new Error(`no task stub for ${state.Resource}`);
        run.calls.push({ resource: state.Resource, request });
        let result = handler(request);
        if (state.ResultSelector) result = resolveParameters(state.ResultSelector, result, context);
        data = state.ResultPath === undefined ? result : state.ResultPath === null ? data : setPath(data as Json, state.ResultPath, result);
        break;
      }
      case "Succeed":
      case "Fail":
        run.end = name;
        run.output = data;
        return run;
      default:
        throw new Error(`state type ${state.Type} not supported by the offline runner`);
    }
    if (state.End) {
      run.end = name;
      run.output = data;
      return run;
    }
    name = next!;
  }
  throw new Error("more than 100 steps: a loop?");
}

/** EventBridge pattern matching for the patterns we generate: arrays of exact values, nested objects. */
export function patternMatches(pattern: Json, event: Json): boolean {
  return Object.entries(pattern).every(([key, want]) => {
    const have = event[key];
    if (Array.isArray(want)) return Array.isArray(have) ? have.some((h) => want.includes(h)) : want.includes(have);
    return have !== null && typeof have === "object" && patternMatches(want, have);
  });
}
