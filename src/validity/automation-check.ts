/**
 * AWS SDK integrations and state machines, held to AWS's specs offline:
 * - SDK-INTEGRATION: EventBridge Scheduler universal targets (arn:<partition>:scheduler:::aws-sdk:<service>:<action>)
 *   and Step Functions SDK tasks (arn:<partition>:states:::aws-sdk:<service>:<action>) name an operation the
 *   service's API model has, and the request they send (the schedule's input JSON, the task's Parameters) matches
 *   its input shape: known members, required members, enums.
 * - SFN-DEFINITION: the Amazon States Language structure that ValidateStateMachineDefinition would check, which the
 *   terraform harness cannot (its sfn endpoint is a stand-in that accepts anything): StartAt and every Next/Default
 *   name a state, every state is reachable, Choice rules lead somewhere, Task/Pass/Wait states go on or end.
 */
import { ApiModel, ApiService, apiModel } from "./api-model";
import type { Finding } from "./findings";
import { checkAgainstApiModel } from "./medialive-check";
import type { Json } from "../types/json";
import type { ModuleFiles } from "./module-files";

/** SDK integration service names (lower case, as in the ARN) -> the API model this project reads. */
export const SDK_SERVICES: Record<string, ApiService> = {
  medialive: "MediaLive",
  cloudwatch: "CloudWatch",
  mediaconvert: "MediaConvert",
  cloudfront: "CloudFront",
  s3: "S3",
};

const SDK_ARN = /^arn:(?:\$\{[^}]+\}|aws[a-z-]*):(scheduler|states):::aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)$/;

/** The operation's input shape name in the model (StopChannelRequest, DescribeAlarmsInput), or undefined when it has no such operation. */
function inputShape(model: ApiModel, action: string): string | undefined {
  const op = action.charAt(0).toUpperCase() + action.slice(1);
  return [`${op}Request`, `${op}Input`].find((n) => model.get(n)?.kind === "structure");
}

/** Parameters with JSONPath keys ("Name.$") stand for the member Name with a value known at run time. */
function staticParameters(parameters: unknown): unknown {
  if (Array.isArray(parameters)) return parameters.map(staticParameters);
  if (!parameters || typeof parameters !== "object") return parameters;
  return Object.fromEntries(
    Object.entries(parameters as Json).map(([k, v]) => (k.endsWith(".$") ? [k.slice(0, -2), "${run time}"] : [k, staticParameters(v)])),
  );
}

function checkRequest(arn: string, request: unknown, file: string, where: string, findings: Finding[], model: (s: ApiService) => ApiModel): void {
  const m = SDK_ARN.exec(arn);
  if (!m) return;
  const [, integration, service, action] = m;
  const api = SDK_SERVICES[service];
  if (!api) {
    findings.push({
      rule: "SDK-INTEGRATION",
      file,
      path: where,
      message: `${integration} SDK integration with '${service}': no API model of it is checked here (known: ${Object.keys(SDK_SERVICES).join(", ")})`,
    });
    return;
  }
  if (action.charAt(0) !== action.charAt(0).toLowerCase())
    findings.push({
      rule: "SDK-INTEGRATION",
      file,
      path: where,
      message: `SDK integration actions are camelCase ('${action.charAt(0).toLowerCase()}${action.slice(1)}'), got '${action}'`,
    });
  const shape = inputShape(model(api), action);
  if (!shape) {
    findings.push({ rule: "SDK-INTEGRATION", file, path: where, message: `the ${api} API has no operation '${action}'` });
    return;
  }
  checkAgainstApiModel(model(api), shape, request ?? {}, `${where}.request`, file, findings, "SDK-INTEGRATION", api, false);
}

/** State machine definitions of a module: locals that jsonencode()d into aws_sfn_state_machine.definition, or literal JSON definitions. */
export function stateMachineDefinitions(module: ModuleFiles): Array<{ file: string; where: string; definition: Json }> {
  const found: Array<{ file: string; where: string; definition: Json }> = [];
  const locals = new Map<string, { file: string; value: unknown }>();
  for (const [file, doc] of module.files) for (const [name, value] of Object.entries((doc.locals ?? {}) as Json)) locals.set(name, { file, value });
  for (const [file, doc] of module.files)
    for (const [name, body] of Object.entries((doc.resource?.aws_sfn_state_machine ?? {}) as Json)) {
      const definition = String((body as Json).definition ?? "");
      const local = /^\$\{jsonencode\(local\.([a-z0-9_]+)\)\}$/.exec(definition);
      if (local && locals.has(local[1]))
        found.push({ file: locals.get(local[1])!.file, where: `locals.${local[1]}`, definition: locals.get(local[1])!.value as Json });
      else if (!definition.includes("${")) found.push({ file, where: `resource.aws_sfn_state_machine.${name}.definition`, definition: JSON.parse(definition) });
    }
  return found;
}

const TERMINAL = new Set(["Succeed", "Fail"]);

/** ASL structure of one definition (JSONPath flavour: Choice rules with Variable or And/Or/Not). */
export function checkDefinitionStructure(definition: Json, file: string, where: string): Finding[] {
  const findings: Finding[] = [];
  const report = (path: string, message: string) => findings.push({ rule: "SFN-DEFINITION", file, path: `${where}${path}`, message });
  const states = (definition.States ?? {}) as Record<string, Json>;
  const names = new Set(Object.keys(states));
  if (!names.size) report(".States", "a state machine needs at least one state");
  if (!names.has(definition.StartAt)) report(".StartAt", `StartAt names no state: ${JSON.stringify(definition.StartAt)}`);
  const edges = new Map<string, string[]>();
  for (const [name, state] of Object.entries(states)) {
    const at = `.States.${name}`;
    const next: string[] = [];
    const target = (value: unknown, path: string) => {
      if (typeof value !== "string" || !names.has(value)) report(path, `${JSON.stringify(value)} is not a state of this machine`);
      else next.push(value);
    };
    if (state.Type === "Choice") {
      if (!Array.isArray(state.Choices) || !state.Choices.length) report(`${at}.Choices`, "a Choice state needs at least one rule");
      (state.Choices ?? []).forEach((rule: Json, i: number) => {
        target(rule.Next, `${at}.Choices[${i}].Next`);
        if (!rule.Variable && !rule.And && !rule.Or && !rule.Not && !rule.Condition)
          report(`${at}.Choices[${i}]`, "a choice rule compares a Variable (or combines rules with And/Or/Not)");
      });
      if (state.Default !== undefined) target(state.Default, `${at}.Default`);
      if (state.End !== undefined || state.Next !== undefined) report(at, "a Choice state has no End or Next; its rules and Default lead on");
    } else if (TERMINAL.has(state.Type)) {
      if (state.Next !== undefined || state.End !== undefined) report(at, `a ${state.Type} state ends the execution; it has no Next or End`);
    } else if (["Task", "Pass", "Wait", "Parallel", "Map"].includes(state.Type)) {
      if (state.End === true && state.Next !== undefined) report(at, "a state has either Next or End: true, not both");
      else if (state.End !== true) target(state.Next, `${at}.Next`);
      if (state.Type === "Task" && typeof state.Resource !== "string") report(`${at}.Resource`, "a Task state needs a Resource");
      if (state.Type === "Wait" && [state.Seconds, state.Timestamp, state.SecondsPath, state.TimestampPath].filter((v) => v !== undefined).length !== 1)
        report(at, "a Wait state has exactly one of Seconds, Timestamp, SecondsPath, TimestampPath");
      if (state.Type === "Wait" && typeof state.Seconds === "number" && (state.Seconds < 0 || state.Seconds > 31_536_000))
        report(`${at}.Seconds`, "Wait Seconds must be between 0 and one year");
      for (const [i, c] of ((state.Catch ?? []) as Json[]).entries()) target(c.Next, `${at}.Catch[${i}].Next`);
    } else report(`${at}.Type`, `unknown state type ${JSON.stringify(state.Type)}`);
    edges.set(name, next);
  }
  const reached = new Set<string>();
  const visit = (n: string) => {
    if (reached.has(n) || !names.has(n)) return;
    reached.add(n);
    for (const m of edges.get(n) ?? []) visit(m);
  };
  visit(definition.StartAt);
  for (const n of names) if (!reached.has(n)) report(`.States.${n}`, "no path from StartAt reaches this state");
  return findings;
}

export function checkStateMachines(module: ModuleFiles): Finding[] {
  return stateMachineDefinitions(module).flatMap(({ file, where, definition }) => checkDefinitionStructure(definition, file, where));
}

export function checkSdkIntegrations(module: ModuleFiles, model: (s: ApiService) => ApiModel = apiModel): Finding[] {
  const findings: Finding[] = [];
  for (const [file, doc] of module.files)
    for (const [name, body] of Object.entries((doc.resource?.aws_scheduler_schedule ?? {}) as Json)) {
      const target = Array.isArray(body.target) ? body.target[0] : body.target;
      if (!target || typeof target.arn !== "string") continue;
      const where = `resource.aws_scheduler_schedule.${name}.target`;
      let input: unknown = {};
      try {
        input = target.input === undefined ? {} : JSON.parse(target.input);
      } catch {
        findings.push({
          rule: "SDK-INTEGRATION",
          file,
          path: `${where}.input`,
          message: "a universal target's input is the request as JSON, and this is not JSON",
        });
        continue;
      }
      checkRequest(target.arn, input, file, where, findings, model);
    }
  for (const { file, where, definition } of stateMachineDefinitions(module))
    for (const [name, state] of Object.entries((definition.States ?? {}) as Record<string, Json>))
      if (state.Type === "Task" && typeof state.Resource === "string")
        checkRequest(state.Resource, staticParameters(state.Parameters ?? {}), file, `${where}.States.${name}`, findings, model);
  return findings;
}

/**
 * Budgets cost filters the AWS Budgets API (CostFilters) and the provider accept, and the TagKeyValue shape
 * "<user|aws>:<key>$<value>" Cost Explorer matches cost-allocation tags with (a filter in another shape matches
 * nothing, and the budget silently stays at $0).
 */
export const BUDGET_FILTER_NAMES = [
  "AZ",
  "BillingEntity",
  "CostCategory",
  "InstanceType",
  "InvoicingEntity",
  "LegalEntityName",
  "LinkedAccount",
  "Operation",
  "PurchaseType",
  "Region",
  "Service",
  "TagKeyValue",
  "UsageType",
  "UsageTypeGroup",
];
const TAG_KEY_VALUE = /^(user|aws):[^$]{1,128}\$.{0,256}$/;

export function checkBudgetFilters(module: ModuleFiles): Finding[] {
  const findings: Finding[] = [];
  for (const [file, doc] of module.files)
    for (const [name, body] of Object.entries((doc.resource?.aws_budgets_budget ?? {}) as Json))
      ((body.cost_filter ?? []) as Json[]).forEach((f, i) => {
        const where = `resource.aws_budgets_budget.${name}.cost_filter[${i}]`;
        if (!BUDGET_FILTER_NAMES.includes(f.name))
          findings.push({
            rule: "BUDGET-FILTERS",
            file,
            path: `${where}.name`,
            message: `${JSON.stringify(f.name)} is not a Budgets cost filter; AWS allows ${BUDGET_FILTER_NAMES.join(", ")}`,
          });
        if (f.name === "TagKeyValue")
          ((f.values ?? []) as unknown[]).forEach((v, j) => {
            if (typeof v === "string" && !v.includes("${") && !TAG_KEY_VALUE.test(v))
              findings.push({
                rule: "BUDGET-FILTERS",
                file,
                path: `${where}.values[${j}]`,
                message: `${JSON.stringify(v)} is not a TagKeyValue filter: Cost Explorer writes user:<tag key>$<tag value>`,
              });
          });
      });
  return findings;
}

/**
 * Budgets notifications as the Budgets API takes them (Notification, NotificationWithSubscribers): at most ten
 * notifications a budget, each distinct by type, comparison, threshold and threshold type (a second one with the same
 * four is refused), and one SNS topic per notification.
 */
export function checkBudgetNotifications(module: ModuleFiles): Finding[] {
  const findings: Finding[] = [];
  for (const [file, doc] of module.files)
    for (const [name, body] of Object.entries((doc.resource?.aws_budgets_budget ?? {}) as Json)) {
      const where = `resource.aws_budgets_budget.${name}.notification`;
      const notifications = (body.notification ?? []) as Json[];
      if (notifications.length > 10)
        findings.push({ rule: "BUDGET-NOTIFICATIONS", file, path: where, message: `a budget has at most ten notifications; got ${notifications.length}` });
      const seen = new Map<string, number>();
      notifications.forEach((n, i) => {
        const key = [n.notification_type, n.comparison_operator, n.threshold, n.threshold_type ?? "PERCENTAGE"].join(" ");
        if (seen.has(key))
          findings.push({
            rule: "BUDGET-NOTIFICATIONS",
            file,
            path: `${where}[${i}]`,
            message: `notification[${seen.get(key)}] already has ${key}: Budgets tells notifications apart by these four, so it refuses the second`,
          });
        else seen.set(key, i);
        const topics = n.subscriber_sns_topic_arns;
        if (Array.isArray(topics) && topics.length > 1)
          findings.push({
            rule: "BUDGET-NOTIFICATIONS",
            file,
            path: `${where}[${i}].subscriber_sns_topic_arns`,
            message: `a Budgets notification has one SNS subscriber at most; got ${topics.length}`,
          });
      });
    }
  return findings;
}

/**
 * EventBridge Pipes with a Step Functions target: a STANDARD workflow is started asynchronously only
 * (FIRE_AND_FORGET; REQUEST_RESPONSE is for EXPRESS), and an SQS source's batch size is 1-10000 (the Pipes API's
 * LimitMax10000), at most 10 without a batching window.
 */
export function checkPipes(module: ModuleFiles): Finding[] {
  const findings: Finding[] = [];
  const machines = new Map<string, Json>();
  for (const [, doc] of module.files) for (const [name, body] of Object.entries((doc.resource?.aws_sfn_state_machine ?? {}) as Json)) machines.set(name, body);
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v) as Json | undefined;
  for (const [file, doc] of module.files)
    for (const [name, body] of Object.entries((doc.resource?.aws_pipes_pipe ?? {}) as Json)) {
      const where = `resource.aws_pipes_pipe.${name}`;
      const machine = /^\$\{aws_sfn_state_machine\.([a-z0-9_]+)\.arn\}$/.exec(String(body.target ?? ""))?.[1];
      if (machine !== undefined) {
        const type = machines.get(machine)?.type ?? "STANDARD";
        const invocation = first(first(body.target_parameters)?.step_function_state_machine_parameters)?.invocation_type ?? "REQUEST_RESPONSE";
        if (type === "STANDARD" && invocation !== "FIRE_AND_FORGET")
          findings.push({
            rule: "PIPES-TARGET",
            file,
            path: `${where}.target_parameters.step_function_state_machine_parameters.invocation_type`,
            message: `the target aws_sfn_state_machine.${machine} is a STANDARD workflow, which Pipes starts only with FIRE_AND_FORGET; got ${invocation}`,
          });
      }
      const sqs = first(first(body.source_parameters)?.sqs_queue_parameters);
      if (sqs?.batch_size !== undefined) {
        const size = sqs.batch_size as number;
        const windowed = (sqs.maximum_batching_window_in_seconds ?? 0) > 0;
        if (size < 1 || size > 10000 || (!windowed && size > 10))
          findings.push({
            rule: "PIPES-TARGET",
            file,
            path: `${where}.source_parameters.sqs_queue_parameters.batch_size`,
            message: `an SQS source's batch size is 1-10000, and at most 10 without maximum_batching_window_in_seconds; got ${size}`,
          });
      }
    }
  return findings;
}
