/** Module READMEs, rendered from templates/module/*.hbs with terraform-docs style tables. */
import { rungLevel } from "../core/codec-levels";
import type Handlebars from "handlebars";
import { loadTemplateSet, TemplateSet } from "../core/handlebars-templates";
import type { ResolvedPipeline } from "../core/resolve";
import { moduleVariables } from "./example";
import { automationPlan } from "../plans/automation";
import { planPipeline } from "../plans/pipeline-plan";
import { planIvs } from "../plans/ivs";
import { busPolicyStatement, webhookSecretVariable } from "../plans/events";
import type { SharedChannelGroupSpec } from "../../generators/shared-channel-group";
import type { FleetDashboardSpec } from "../../generators/fleet-dashboard";

import type { Json } from "../types/json";

let moduleTemplates: TemplateSet | undefined;

function template(name: string): Handlebars.TemplateDelegate {
  moduleTemplates ??= loadTemplateSet("module", { "inputs-outputs": "module/partials/inputs-outputs.hbs" });
  return moduleTemplates.template(`module/${name}`);
}

const cell = (s: string | number | boolean | undefined) =>
  String(s ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, " ");

/** Inputs, outputs and resources per file of a module, as the README tables show them. */
function moduleReference(docs: Map<string, Json>) {
  const inputs = Object.entries(moduleVariables(docs))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, v]) => ({
      name,
      description: cell(v.description),
      type: cell(v.type),
      default: v.default === undefined ? "n/a" : cell("`" + JSON.stringify(v.default) + "`"),
      required: v.default === undefined ? "yes" : "no",
      sensitive: v.sensitive ? " (sensitive)" : "",
    }));
  const outputs = Object.entries((docs.get("outputs.tf.json")?.output ?? {}) as Record<string, { description?: string }>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, o]) => ({ name, description: cell(o.description) }));
  const files = [...docs.entries()]
    .filter(([, d]) => d.resource || d.data)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, d]) => ({
      file,
      resources: Object.entries((d.resource ?? {}) as Record<string, Json>)
        .flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`))
        .sort(),
    }))
    .filter((f) => f.resources.length);
  return { inputs, outputs, files, required: inputs.filter((i) => i.required === "yes") };
}

/** What the README says about the automation, from the same plan the Terraform came from. */
function automationView(pipeline: ResolvedPipeline) {
  const plan = automationPlan(pipeline);
  if (!plan) return null;
  return {
    idleStop: plan.idleStop ? { ...plan.idleStop, watched: plan.idleStop.pipelines.length > 1 ? "both pipelines" : "the channel's pipeline" } : null,
    schedules: plan.schedules,
    leadMinutes: pipeline.automation?.schedule?.start_lead_minutes ?? null,
    cronWindows: (pipeline.automation?.schedule?.cron?.length ?? 0) > 0,
    scheduledHours: plan.scheduledHoursPerMonth?.toFixed(1) ?? null,
    budget: plan.budget
      ? {
          limit: plan.budget.limitUsd.toFixed(2),
          filter: plan.budget.tagFilter.values.join(", "),
          notifies: plan.budget.emails.length > 0 || plan.budget.snsTopicArn !== undefined,
        }
      : null,
    budgetStop: plan.budgetStop
      ? {
          limit: plan.budgetStop.notification.threshold.toFixed(2),
          queueDays: plan.budgetStop.queue.messageRetentionSeconds / 86400,
          maxReceiveCount: plan.budgetStop.queue.maxReceiveCount,
        }
      : null,
    archiveTiering: plan.archiveTiering ?? null,
  };
}

export function renderModuleReadme(pipeline: ResolvedPipeline, docs: Map<string, Json>): string {
  return template("README.md.hbs")({
    pipeline,
    automation: automationView(pipeline),
    rungs: pipeline.rungs.map((r) => ({
      ...r,
      level: r.kind === "video" ? rungLevel(r) : undefined,
      kbps: r.bitrate ? Math.round(r.bitrate / 1000) : undefined,
      audio_kbps: Math.round(r.audio_bitrate / 1000),
    })),
    ...moduleReference(docs),
    moduleName: pipeline.pipeline_id.replace(/-/g, "_"),
    rtmpPushOutputs: pipeline.outputs.filter((o) => o.kind === "rtmp_push").map((o) => o.id),
    events: eventsSection(pipeline),
    failover: failoverSection(pipeline),
    ivs: ivsSection(pipeline),
  });
}

/** The README's failover-region section, from the plans the module came from. */
function failoverSection(pipeline: ResolvedPipeline) {
  const plan = planPipeline(pipeline);
  const f = plan.failover;
  const group = plan.delivery?.mediapackageFailover;
  if (!f || !group) return null;
  return { region: f.region, channelClass: f.live.channelClass, originGroupId: group.originGroupId, statusCodes: group.statusCodes.join(", ") };
}

/** The README's Events section: where events go and the policy a target bus in another account needs. */
function eventsSection(pipeline: ResolvedPipeline) {
  if (!pipeline.events) return null;
  const prefix = pipeline.pipeline_id.replace(/_/g, "-");
  const roleArn = (name: string) => `arn:aws:iam::ACCOUNT_ID:role/${prefix}-deliver-${name.replace(/_/g, "-")}`;
  const targets = pipeline.events.targets.map((t) => ({
    name: t.name,
    bus: t.event_bus_arn ?? null,
    url: t.url ?? null,
    rate: t.rate_limit_per_second ?? null,
    auth: t.auth ? { api_key: `API key (header ${t.auth.header})`, basic: "basic", oauth_client_credentials: "OAuth client-credentials" }[t.auth.type] : null,
    secret: t.kind === "webhook" ? webhookSecretVariable(t) : null,
    types: t.event_types.map((e) => `\`${e}\``).join(", "),
    attempts: t.retry.maximum_retry_attempts,
    age: t.retry.maximum_event_age_seconds,
  }));
  const buses = pipeline.events.targets.filter((t) => t.kind === "event_bus");
  const busPolicy = JSON.stringify(
    { Version: "2012-10-17", Statement: buses.map((t) => busPolicyStatement(t, roleArn(t.name), pipeline.pipeline_id)) },
    null,
    2,
  );
  return { targets, buses, busPolicy };
}

export function renderSharedModuleReadme(spec: SharedChannelGroupSpec, docs: Map<string, Json>): string {
  return template("README-shared.md.hbs")({
    spec,
    ...moduleReference(docs),
  });
}

export function renderFleetModuleReadme(spec: FleetDashboardSpec, docs: Map<string, Json>): string {
  // The usage block calls each creator's module by its pipeline id, as the creator module's own example does.
  const creators = spec.creators.map((c) => ({ ...c, moduleName: `${spec.templateId}-${c.id}`.replace(/-/g, "_") }));
  return template("README-fleet.md.hbs")({ spec, creators, ...moduleReference(docs) });
}

/** backend ivs: what the module README says about the IVS channel (from the same plan the generator builds from). */
function ivsSection(pipeline: ResolvedPipeline) {
  const ivs = planIvs(pipeline);
  return ivs ? { ...ivs, basic: ivs.channelType === "BASIC" } : undefined;
}
