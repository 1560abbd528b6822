/**
 * The validity rules as a list of named checks (the cdk-nag shape): each has an id, a description and a
 * check returning findings {rule, file, path, message}. `checkModule` runs them on a module and applies
 * suppressions — explicit, per rule, with a reason — from the module's `.blackwell-suppressions.json`
 * and from the caller.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ApiModel, apiModel, medialiveModel } from "./api-model";
import { CfnSpec, checkAgainstCfn, checkAwsccReferences } from "./cfn-spec";
import { checkSrtPassphraseAccess, checkStackTemplates } from "./cfn-stack";
import {
  checkAudioSelectors,
  checkDestinationRefs,
  checkExamples,
  checkNoCdktfMetadata,
  checkNoProviderOrBackend,
  checkNoSecretLiterals,
  checkOutputDescriptions,
  checkPipelineDestinations,
  checkReferences,
  checkRequiredProviders,
  referencesOf,
} from "./consistency";
import type { Finding } from "./findings";
import { checkMediaConvertSettings, checkMediaLiveResources } from "./medialive-check";
import { checkBudgetFilters, checkBudgetNotifications, checkPipes, checkSdkIntegrations, checkStateMachines } from "./automation-check";
import { ModuleFiles, loadModuleDir } from "./module-files";
import { checkAlarms, checkDashboards } from "./dashboard-metrics";
import { checkLogFields } from "./cloudfront-log-fields";

export type { Finding } from "./findings";

/** What a rule may use besides the module: AWS's specifications, loaded once and shared. */
export interface RuleContext {
  cfn(): CfnSpec;
  medialive(): ApiModel;
  mediaconvert(): ApiModel;
}

export interface Rule {
  id: string;
  description: string;
  check(module: ModuleFiles, context: RuleContext): Finding[];
}

const perFile = (module: ModuleFiles, check: (doc: Record<string, unknown>, file: string) => Finding[]) =>
  [...module.files].flatMap(([file, doc]) => check(doc, file));
const only = (rule: string, findings: Finding[]) => findings.filter((f) => f.rule === rule);

export const RULES: Rule[] = [
  {
    id: "CFN-RESOURCE-SCHEMA",
    description:
      "awscc resources match their CloudFormation resource schema (@aws-cdk/aws-service-spec): known properties, required properties, enums, nested types",
    check: (m, ctx) =>
      only(
        "CFN-RESOURCE-SCHEMA",
        perFile(m, (doc, file) => checkAgainstCfn(ctx.cfn(), doc, file)),
      ),
  },
  {
    id: "AWS-SPEC-VALUES",
    description:
      "hashicorp/aws attributes listed in AWS_ATTRIBUTE_SPECS hold values AWS allows (CloudFormation enums, or the service API's enums where CloudFormation lists none)",
    check: (m, ctx) =>
      only(
        "AWS-SPEC-VALUES",
        perFile(m, (doc, file) => checkAgainstCfn(ctx.cfn(), doc, file)),
      ),
  },
  {
    id: "CFN-AWSCC-REFERENCE",
    description: "references to awscc resources name an attribute the CloudFormation resource has",
    check: (m, ctx) => checkAwsccReferences(ctx.cfn(), referencesOf(m)),
  },
  {
    id: "CFN-STACK-TEMPLATE",
    description:
      "aws_cloudformation_stack template bodies (the SRT caller input) match the CloudFormation resource schema and, for MediaLive inputs, the MediaLive API model; Refs, parameters, Fn::GetAtt attributes and the outputs the module reads all resolve",
    check: (m, ctx) => checkStackTemplates(m, ctx.cfn(), ctx.medialive()),
  },
  {
    id: "ML-SRT-PASSPHRASE-ACCESS",
    description:
      "every SRT passphrase secret an input names is readable by the channel role (secretsmanager:GetSecretValue naming that secret), and GetSecretValue is granted on named secrets only",
    check: (m) => checkSrtPassphraseAccess(m),
  },
  {
    id: "MEDIALIVE-API-MODEL",
    description:
      "aws_medialive_channel, aws_medialive_input and aws_medialive_input_security_group match the MediaLive API model: members, required members, enums, numeric ranges",
    check: (m, ctx) => perFile(m, (doc, file) => checkMediaLiveResources(doc, file, ctx.medialive())),
  },
  {
    id: "MEDIACONVERT-API-MODEL",
    description:
      "job settings of awscc MediaConvert job templates and presets (literal settings_json, or the local it jsonencode()s) match the MediaConvert API model; CloudFormation types them only as json",
    check: (m, ctx) => perFile(m, (doc, file) => checkMediaConvertSettings(doc, file, ctx.mediaconvert())),
  },
  {
    id: "SDK-INTEGRATION",
    description:
      "Scheduler universal targets and Step Functions aws-sdk tasks name an operation of the service's API model, and send a request matching its input shape",
    check: (m) => checkSdkIntegrations(m),
  },
  {
    id: "BUDGET-FILTERS",
    description: "Budgets cost filters use names AWS Budgets accepts, and TagKeyValue values the user:<key>$<value> shape Cost Explorer matches tags with",
    check: checkBudgetFilters,
  },
  {
    id: "BUDGET-NOTIFICATIONS",
    description: "a budget has at most ten notifications, each distinct by type, comparison, threshold and threshold type, with one SNS topic at most",
    check: checkBudgetNotifications,
  },
  {
    id: "PIPES-TARGET",
    description: "EventBridge Pipes start a STANDARD state machine with FIRE_AND_FORGET only; an SQS source's batch size is what Pipes accepts",
    check: checkPipes,
  },
  {
    id: "SFN-DEFINITION",
    description:
      "state machine definitions are well-formed Amazon States Language: StartAt and every Next/Default name a state, all states reachable (what ValidateStateMachineDefinition checks; the harness cannot call it offline)",
    check: checkStateMachines,
  },
  {
    id: "ML-OUTPUT-DESCRIPTIONS",
    description: "every MediaLive output names video, audio and caption descriptions the channel declares; description names are unique",
    check: checkOutputDescriptions,
  },
  {
    id: "ML-DESTINATION-REFS",
    description: "every destination_ref_id names a destination of the channel; destination ids are unique",
    check: checkDestinationRefs,
  },
  { id: "ML-AUDIO-SELECTORS", description: "every audio description's audio_selector_name is declared in every input attachment", check: checkAudioSelectors },
  {
    id: "ML-PIPELINE-DESTINATIONS",
    description: "destinations have one URL per pipeline: two for STANDARD channels, one for SINGLE_PIPELINE",
    check: checkPipelineDestinations,
  },
  {
    id: "TF-REFERENCE-DECLARED",
    description: "every ${...} reference (and depends_on entry) points at a declared resource, data source, variable, local or module",
    check: checkReferences,
  },
  {
    id: "CW-DASHBOARD-METRICS",
    description:
      "dashboard bodies have CloudWatch's widget structure and every metric is a documented namespace/metric/dimension set (CloudFront read in us-east-1)",
    check: (m) => perFile(m, checkDashboards),
  },
  {
    id: "CW-ALARM-METRICS",
    description:
      "alarms on MediaLive, MediaPackage and CloudFront metrics name a documented metric and dimension set (an undocumented set is never published, so the alarm never fires)",
    check: (m) => perFile(m, checkAlarms),
  },
  {
    id: "CF-LOG-FIELDS",
    description:
      "CloudFront log deliveries ask for documented fields only, and the Glue table describes exactly those fields, in delivery order, with fitting types",
    check: (m) => checkLogFields(m.files),
  },
  { id: "TF-NO-CDKTF-METADATA", description: 'no cdktf "//" metadata keys in published files', check: checkNoCdktfMetadata },
  { id: "TF-NO-PROVIDER-OR-BACKEND", description: "the module configures no provider, backend or cloud block", check: checkNoProviderOrBackend },
  { id: "TF-NO-SECRET-LITERALS", description: "no secrets written as literals (keys, stream keys, passwords)", check: checkNoSecretLiterals },
  {
    id: "TF-REQUIRED-PROVIDERS",
    description: "every provider used is required with its hashicorp source and a version constraint, and only those",
    check: checkRequiredProviders,
  },
  { id: "TF-EXAMPLE-CALLS-MODULE", description: "examples pass every required variable of the module and only declared ones", check: checkExamples },
];

/** Findings about the suppressions themselves; they cannot be suppressed. */
export const SUPPRESSION_RULE = "VALIDITY-SUPPRESSION";

export interface Suppression {
  rule: string;
  /** Why this finding is acceptable. Required. */
  reason: string;
  /** Only findings in this file (optional). */
  file?: string;
  /** Only findings whose path starts with this (optional), e.g. "resource.aws_medialive_channel.main". */
  path?: string;
}

export const SUPPRESSIONS_FILE = ".blackwell-suppressions.json";

export interface CheckResult {
  /** Findings not suppressed: the module is valid when this is empty. */
  findings: Finding[];
  suppressed: Array<Finding & { reason: string }>;
  /** Suppressions that matched nothing (stale: the problem they excused is gone). */
  unusedSuppressions: Suppression[];
  rules: string[];
}

/** Validates a suppression list; problems come back as findings of SUPPRESSION_RULE. */
export function validateSuppressions(value: unknown, file: string, rules: Rule[] = RULES): { suppressions: Suppression[]; problems: Finding[] } {
  const problems: Finding[] = [];
  const suppressions: Suppression[] = [];
  const list = Array.isArray(value) ? value : (value as { suppressions?: unknown })?.suppressions;
  if (!Array.isArray(list)) {
    problems.push({ rule: SUPPRESSION_RULE, file, path: "suppressions", message: 'expected { "suppressions": [ { "rule": ..., "reason": ... } ] }' });
    return { suppressions, problems };
  }
  const ids = new Set(rules.map((r) => r.id));
  list.forEach((s: Partial<Suppression>, i) => {
    const at = `suppressions[${i}]`;
    if (!s || typeof s !== "object") problems.push({ rule: SUPPRESSION_RULE, file, path: at, message: "a suppression is an object with rule and reason" });
    else if (typeof s.rule !== "string" || !ids.has(s.rule))
      problems.push({ rule: SUPPRESSION_RULE, file, path: `${at}.rule`, message: `unknown rule ${JSON.stringify(s.rule)}; rules are ${[...ids].join(", ")}` });
    else if (typeof s.reason !== "string" || s.reason.trim().length < 10)
      problems.push({
        rule: SUPPRESSION_RULE,
        file,
        path: `${at}.reason`,
        message: `suppressing ${s.rule} needs a reason (at least 10 characters) saying why the finding is acceptable`,
      });
    else suppressions.push({ rule: s.rule, reason: s.reason, ...(s.file ? { file: s.file } : {}), ...(s.path ? { path: s.path } : {}) });
  });
  return { suppressions, problems };
}

const matches = (s: Suppression, f: Finding) =>
  s.rule === f.rule && (!s.file || s.file === f.file) && (!s.path || f.path === s.path || f.path.startsWith(`${s.path}.`) || f.path.startsWith(`${s.path}[`));

let sharedContext: RuleContext | undefined;

/** AWS's specifications, loaded on first use and kept for the process. */
export function defaultContext(): RuleContext {
  if (!sharedContext) {
    let cfn: CfnSpec | undefined;
    sharedContext = { cfn: () => (cfn ??= CfnSpec.load()), medialive: medialiveModel, mediaconvert: () => apiModel("MediaConvert") };
  }
  return sharedContext;
}

export interface CheckOptions {
  /** Suppressions from the caller, in addition to the module's .blackwell-suppressions.json. */
  suppressions?: Suppression[];
  /** Run only these rules (default: all). */
  rules?: Rule[];
  context?: RuleContext;
}

/** Runs the rules on a module already loaded (from disk or rendered in memory). */
export function checkModuleFiles(module: ModuleFiles, options: CheckOptions = {}): CheckResult {
  const rules = options.rules ?? RULES;
  const context = options.context ?? defaultContext();
  const given = validateSuppressions(options.suppressions ?? [], "(suppressions argument)", RULES);
  const all: Finding[] = [...given.problems];
  const suppressions = [...given.suppressions];
  const fileSuppressions = path.join(module.dir, SUPPRESSIONS_FILE);
  if (fs.existsSync(fileSuppressions)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(fileSuppressions, "utf8"));
    } catch (e) {
      all.push({ rule: SUPPRESSION_RULE, file: SUPPRESSIONS_FILE, path: "", message: `not valid JSON: ${(e as Error).message}` });
    }
    if (parsed !== undefined) {
      const fromFile = validateSuppressions(parsed, SUPPRESSIONS_FILE, RULES);
      all.push(...fromFile.problems);
      suppressions.push(...fromFile.suppressions);
    }
  }
  const findings: Finding[] = [];
  const suppressed: CheckResult["suppressed"] = [];
  const used = new Set<Suppression>();
  for (const rule of rules) {
    for (const f of rule.check(module, context)) {
      const s = suppressions.find((x) => matches(x, f));
      if (s) {
        used.add(s);
        suppressed.push({ ...f, reason: s.reason });
      } else findings.push(f);
    }
  }
  return { findings: [...all, ...findings], suppressed, unusedSuppressions: suppressions.filter((s) => !used.has(s)), rules: rules.map((r) => r.id) };
}

/** Runs every rule on a module directory: what `blackwell media check <module-dir>` would print. */
export function checkModule(dir: string, options: CheckOptions = {}): CheckResult {
  return checkModuleFiles(loadModuleDir(dir), options);
}

/** One line per finding: file path: message [rule]. */
export function formatFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.file} ${f.path}: ${f.message} [${f.rule}]`).join("\n");
}
