/** Cost per client and per creator: client_id and cost-allocation tags, group estimates, and Cost Explorer's actual spend beside them. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { mockClient } from "aws-sdk-client-mock";
import { CostExplorerClient, GetCostAndUsageCommand } from "@aws-sdk/client-cost-explorer";
import { loadPipelines } from "../../src/core/definitions";
import { loadCatalog } from "../../src/core/catalog";
import { projectPath } from "../../src/core/project-paths";
import { renderModulesFor, renderPipelineModule } from "../../src/synth/module-render";
import { loadPriceTable } from "../../src/cost/prices";
import { estimatePipelines } from "../../src/cost/report";
import { actualSpendByTag, compareSpend, costExplorerError, monthPeriod } from "../../src/cost/actual-spend";
import { runCli } from "../support/cli";

const acmeLive = {
  pipeline_id: "acme_live",
  client_id: "acme-corp",
  pipeline_type: "live_stream",
  sources: ["elemental_link"],
  transcode_profiles: ["1080p", "720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier: "enterprise",
};
const acmeVod = {
  pipeline_id: "acme_vod",
  client_id: "acme-corp",
  pipeline_type: "vod_processing",
  sources: ["s3"],
  transcode_profiles: ["720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier: "standard",
};
const globex = {
  pipeline_id: "globex_live",
  client_id: "globex",
  pipeline_type: "live_stream",
  sources: ["rtmp"],
  transcode_profiles: ["720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier: "development",
};

function folder(defs: object[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-client-"));
  defs.forEach((d, i) => fs.writeFileSync(path.join(dir, `p${i}.json`), JSON.stringify(d)));
  return dir;
}

test("client_id is tagged Client beside Pipeline on every resource; without it the tags are as before", () => {
  const [p] = loadPipelines([folder([acmeLive])]).pipelines;
  expect(p.resolved.client_id).toBe("acme-corp");
  const main = JSON.parse(renderPipelineModule(p.resolved).files.get("main.tf.json")!);
  expect(main.locals.tags).toBe('${merge({ "Pipeline" = "acme_live", "ManagedBy" = "blackwell-media-factory", "Client" = "acme-corp" }, var.tags)}');
  const [plain] = loadPipelines([folder([{ ...acmeLive, client_id: undefined }])]).pipelines;
  expect(JSON.parse(renderPipelineModule(plain.resolved).files.get("main.tf.json")!).locals.tags).toBe(
    '${merge({ "Pipeline" = "acme_live", "ManagedBy" = "blackwell-media-factory" }, var.tags)}',
  );
  // Creators carry their template and creator as tags already; the README names the four cost-allocation tags and the activation step.
  const readme = fs.readFileSync(projectPath("README.md"), "utf8");
  expect(readme).toMatch(/`Pipeline`, `Client`, `Creator`, `Template`/);
  expect(readme).toMatch(/activate[d]? .*Billing/i);
});

test("client_id is checked by the schema", () => {
  const r = runCli(["media", "validate", folder([{ ...acmeLive, client_id: "Acme Corp!" }])]);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/\$\.client_id/);
});

test("a client's pipelines summed, per pipeline and per service (media and top-level cost estimate)", () => {
  const dir = folder([acmeLive, acmeVod, globex]);
  const table = loadPriceTable();
  const acme = loadPipelines([dir]).pipelines.filter((p) => p.resolved.client_id === "acme-corp");
  const expected = estimatePipelines(acme, {}, table, loadCatalog()).reduce((s, e) => s + e.monthlyUsd, 0);
  for (const args of [
    ["media", "cost", "estimate", "--client-id", "acme-corp", "--dir", dir, "--json"],
    ["cost", "estimate", "--client-id", "acme-corp", "--include-media", "--dir", dir, "--json"],
  ]) {
    const r = runCli(args);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.client).toBe("acme-corp");
    expect(json.estimates.map((e: { pipeline_id: string }) => e.pipeline_id).sort()).toEqual(["acme_live", "acme_vod"]);
    expect(json.total_monthly_usd).toBeCloseTo(expected, 9);
  }
  const text = runCli(["media", "cost", "estimate", "--client-id", "acme-corp", "--dir", dir]).stdout;
  // acme_live is enterprise: its viewer logs' delivery is unpriced, so the total is a lower bound.
  expect(text).toMatch(new RegExp(`^client acme-corp: 2 pipelines, at least \\$${expected.toFixed(2)} a month`));
  expect(text).toMatch(/per pipeline:\n\s+acme_live .*\n\s+acme_vod /);
  expect(text).toMatch(/per service:\n\s+MediaLive\s+\$/);
  const without = runCli(["cost", "estimate", "--client-id", "acme-corp", "--dir", dir]);
  expect([without.status, without.stderr.trim()]).toEqual([
    1,
    "error: blackwell cost estimate covers media pipelines only: add --include-media (or use blackwell media cost estimate)",
  ]);
  const unknown = runCli(["media", "cost", "estimate", "--client-id", "initech", "--dir", dir]);
  expect([unknown.status, unknown.stderr.trim()]).toEqual([1, `error: no pipeline with client_id 'initech' in ${dir}; clients there: acme-corp, globex`]);
});

test("--template: one line per creator of the template", () => {
  const r = runCli(["media", "cost", "estimate", "--template", "creator-channel", "--dir", projectPath("examples")]);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^template creator-channel: 3 pipelines/);
  for (const c of ["creator1", "creator2", "creator3"]) expect(r.stdout).toMatch(new RegExp(`creator-channel-${c} `));
});

// The recorded shape of a GetCostAndUsage answer grouped by one tag: keys are "<Tag>$<value>", "<Tag>$" for untagged spend.
const page = (groups: Array<[string, string]>, NextPageToken?: string) => ({
  GroupDefinitions: [{ Type: "TAG" as const, Key: "Pipeline" }],
  ResultsByTime: [
    {
      TimePeriod: { Start: "2026-11-01", End: "2026-12-01" },
      Total: {},
      Groups: groups.map(([k, amount]) => ({ Keys: [k], Metrics: { UnblendedCost: { Amount: amount, Unit: "USD" } } })),
      Estimated: false,
    },
  ],
  DimensionValueAttributes: [],
  NextPageToken,
});

test("Cost Explorer spend per tag, all pages, beside the estimate with the difference", async () => {
  const ce = mockClient(CostExplorerClient);
  ce.on(GetCostAndUsageCommand, { NextPageToken: undefined }).resolves(
    page(
      [
        ["Pipeline$acme_live", "250.10"],
        ["Pipeline$", "3.5"],
      ],
      "p2",
    ),
  );
  ce.on(GetCostAndUsageCommand, { NextPageToken: "p2" }).resolves(page([["Pipeline$retired_show", "12"]]));
  const spend = await actualSpendByTag(new CostExplorerClient({ region: "us-east-1" }), "pipeline", "2026-11");
  expect([...spend]).toEqual([
    ["acme_live", 250.1],
    ["", 3.5],
    ["retired_show", 12],
  ]);
  const first = ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input;
  expect(first).toMatchObject({
    TimePeriod: { Start: "2026-11-01", End: "2026-12-01" },
    Granularity: "MONTHLY",
    Metrics: ["UnblendedCost"],
    GroupBy: [{ Type: "TAG", Key: "Pipeline" }],
  });
  const pipelines = loadPipelines([folder([acmeLive, globex])]).pipelines;
  const estimates = estimatePipelines(pipelines, {}, loadPriceTable(), loadCatalog());
  const rows = compareSpend("pipeline", spend, pipelines, estimates);
  const live = rows.find((r) => r.key === "acme_live")!;
  expect(live.differenceUsd).toBeCloseTo(250.1 - estimates[0].monthlyUsd, 9);
  expect(rows.find((r) => r.key === "globex_live")).toMatchObject({ actualUsd: null, differenceUsd: null, estimateIsLowerBound: true });
  expect(rows.find((r) => r.key === "retired_show")).toMatchObject({ actualUsd: 12, estimateUsd: null });
  expect(rows[rows.length - 1]).toMatchObject({ key: "", actualUsd: 3.5 });
  const byClient = compareSpend("client", new Map([["acme-corp", 300]]), pipelines, estimates);
  expect(byClient.map((r) => [r.key, r.pipelines])).toEqual([
    ["acme-corp", ["acme_live"]],
    ["globex", ["globex_live"]],
  ]);
  ce.restore();
});

test("Cost Explorer failures are one line each; bad months are refused", async () => {
  const cases: Array<[Error, RegExp]> = [
    [Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }), /needs AWS credentials/],
    [
      Object.assign(new Error("The security token included in the request is expired"), { name: "ExpiredTokenException" }),
      /refused the AWS credentials \(ExpiredTokenException\)/,
    ],
    [Object.assign(new Error("User is not authorized"), { name: "AccessDeniedException" }), /needs ce:GetCostAndUsage/],
    [Object.assign(new Error("Rate exceeded"), { name: "LimitExceededException" }), /throttling/],
    [Object.assign(new Error("no data"), { name: "DataUnavailableException" }), /no data for that month/],
  ];
  for (const [err, message] of cases) expect(costExplorerError(err).message).toMatch(message);
  const ce = mockClient(CostExplorerClient);
  ce.on(GetCostAndUsageCommand).rejects(cases[2][0]);
  await expect(actualSpendByTag(new CostExplorerClient({ region: "us-east-1" }), "client", "2026-11")).rejects.toThrow(/needs ce:GetCostAndUsage/);
  ce.restore();
  expect(monthPeriod("2026-12")).toEqual({ Start: "2026-12-01", End: "2027-01-01" });
  expect(() => monthPeriod("2026-13")).toThrow(/--month must be YYYY-MM/);
});

test("cost report without credentials: one line, exit 1", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-nocreds-"));
  const env = {
    HOME: home,
    AWS_ACCESS_KEY_ID: "",
    AWS_SECRET_ACCESS_KEY: "",
    AWS_SESSION_TOKEN: "",
    AWS_PROFILE: "",
    AWS_CONFIG_FILE: path.join(home, "none"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, "none"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "",
    AWS_CONTAINER_CREDENTIALS_FULL_URI: "",
    AWS_WEB_IDENTITY_TOKEN_FILE: "",
  };
  const r = runCli(["media", "cost", "report", "--by", "pipeline", "--month", "2026-11", "--dir", projectPath("examples")], { env });
  expect([r.status, r.stderr.trim()]).toEqual([
    1,
    "error: Cost Explorer needs AWS credentials: none were found (configure a profile, AWS_PROFILE or AWS_ACCESS_KEY_ID)",
  ]);
});

test("deploy --client-id tags Client and may not contradict the definition's client_id", () => {
  const dir = folder([acmeLive]);
  const modules = path.join(dir, "modules");
  expect(runCli(["media", "synth", dir, "--out", modules]).status).toBe(0);
  const r = runCli(["media", "deploy", "acme_live", "--dir", dir, "--modules", modules, "--client-id", "globex", "--work-dir", path.join(dir, "work")]);
  expect([r.status, r.stderr.trim()]).toEqual([1, "error: --client-id globex disagrees with acme_live's client_id 'acme-corp' in its definition"]);
});

test("a template whose creators all serve one client tags its shared channel group Client too", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-tpl-"));
  const template = {
    template_id: "acme-creators",
    defaults: {
      pipeline_type: "live_stream",
      client_id: "acme-corp",
      sources: ["obs"],
      transcode_profiles: ["720p"],
      outputs: ["cloudfront"],
      region: "us-east-1",
      tier: "standard",
    },
    creators: ["ann", "bob"],
  };
  fs.writeFileSync(path.join(dir, "t.template.json"), JSON.stringify(template));
  const pipelines = loadPipelines([dir]).pipelines;
  expect(pipelines.map((p) => [p.resolved.client_id, p.resolved.tags])).toEqual([
    ["acme-corp", { Creator: "ann", Template: "acme-creators" }],
    ["acme-corp", { Creator: "bob", Template: "acme-creators" }],
  ]);
  const modules = renderModulesFor(pipelines.map((p) => p.resolved));
  const shared = modules.find((m) => m.pipelineId === "acme-creators-shared")!;
  expect([...shared.files.values()].join("\n")).toContain('\\"Client\\" = \\"acme-corp\\"');
  const creator = JSON.parse(modules.find((m) => m.pipelineId === "acme-creators-ann")!.files.get("main.tf.json")!);
  expect(creator.locals.tags).toBe(
    '${merge({ "Pipeline" = "acme-creators-ann", "ManagedBy" = "blackwell-media-factory", "Client" = "acme-corp", "Creator" = "ann", "Template" = "acme-creators" }, var.tags)}',
  );
});
