/**
 * A user's project folder: create writes to the definitions folder (pipelines/, or definitions_dir of
 * blackwell.config.json) and every command finds ids there and in the shipped examples, yours first; the
 * spellings users type (create <name>, template <name>, status --pipeline); offline never applies, and a
 * plan names the inputs it lacks before terraform runs; help describes every option and lists only sources
 * create can write.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../support/cli";
import { DEFAULT_SOURCES, LIVE_SOURCES } from "../../src/cli/commands/create";
import { mediaCommands } from "../../src/cli/commands";
import { loadCatalog } from "../../src/core/catalog";
import { projectPath } from "../../src/core/project-paths";
import { stubAwsccResources } from "../../src/terraform/awscc-stub";
import { missingInputs } from "../../src/terraform/missing-inputs";

const noAws = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
function project() {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-project-"));
  return { cwd, run: (args: string[]) => runCli(["media", ...args], { cwd, env: { ...noAws, AWS_EC2_METADATA_DISABLED: "true" } }) };
}

test("create <name> writes pipelines/<name>.json; cost, list-pipelines and validate find it by id beside the examples", () => {
  const { cwd, run } = project();
  const created = run(["create", "studio-live", "--sources", "elemental_link", "--outputs", "cloudfront,s3_archive"]);
  expect(created.stdout).toMatch(/^wrote pipelines\/studio-live.json\n/);
  expect(run(["create", "pipeline", "second-show"]).status).toBe(0); // the word pipeline is optional, not forbidden
  expect(run(["create", "a", "b"]).stderr).toMatch(/^error: create takes one pipeline name \(create \[pipeline\] <name>\); got: a b/);
  expect(run(["cost", "estimate", "--pipeline", "studio-live", "--hours", "1"]).stdout).toMatch(/^studio-live \(us-east-1, tier development/);
  expect(run(["cost", "estimate", "--pipeline", "studio_live_feed", "--hours", "1"]).stdout).toMatch(/^studio_live_feed /); // an example, still reachable
  const listed = JSON.parse(run(["list-pipelines", "--json"]).stdout).pipelines.map((p: { pipeline_id: string; file: string }) => `${p.pipeline_id} ${p.file}`);
  expect(listed).toEqual(expect.arrayContaining(["studio-live pipelines/studio-live.json", `vod-library ${projectPath("examples", "vod-library.json")}`]));
  // Your definition of an example's id wins over the example.
  fs.writeFileSync(
    path.join(cwd, "pipelines", "vod-library.json"),
    JSON.stringify({
      pipeline_id: "vod-library",
      pipeline_type: "vod_processing",
      sources: ["s3"],
      transcode_profiles: ["720p"],
      outputs: ["cloudfront"],
      region: "eu-west-1",
      tier: "development",
    }),
  );
  expect(run(["cost", "estimate", "--pipeline", "vod-library", "--json"]).stdout).toMatch(/"region": "eu-west-1"/);
});

test("definitions_dir in blackwell.config.json moves the folder for create and lookups; --dir names one folder", () => {
  const { cwd, run } = project();
  fs.writeFileSync(path.join(cwd, "blackwell.config.json"), JSON.stringify({ definitions_dir: "media/defs" }));
  expect(run(["create", "show-one"]).stdout).toMatch(/^wrote media\/defs\/show-one.json/);
  expect(run(["cost", "estimate", "--pipeline", "show-one"]).status).toBe(0);
  const only = run(["cost", "estimate", "--pipeline", "studio_live_feed", "--dir", "media/defs"]);
  expect(only.status).toBe(1);
  expect(only.stderr).toMatch(/no pipeline 'studio_live_feed' in media\/defs; known: show-one/);
});

test("create picks a source that fits the type, and its help lists only the sources it can write", () => {
  const { cwd, run } = project();
  expect(run(["create", "vod-shelf", "--type", "vod_processing"]).status).toBe(0);
  expect(JSON.parse(fs.readFileSync(path.join(cwd, "pipelines", "vod-shelf.json"), "utf8")).sources).toEqual(["s3"]);
  expect(run(["create", "live-one"]).status).toBe(0);
  expect(JSON.parse(fs.readFileSync(path.join(cwd, "pipelines", "live-one.json"), "utf8")).sources).toEqual([DEFAULT_SOURCES.live_stream]);
  // The help's list is the catalog's live sources the generators can create (srt among them, through a CloudFormation stack).
  const catalog = loadCatalog();
  expect([...LIVE_SOURCES].sort()).toEqual(
    Object.entries(catalog.sources)
      .filter(([, s]) => s.live && s.supported_by_provider)
      .map(([k]) => k)
      .sort(),
  );
  const help = run(["create", "pipeline", "--help"]).stdout.replace(/\s+/g, " ");
  expect(help).toContain(`Live: ${LIVE_SOURCES.join(", ")}; VOD: s3`);
  expect(LIVE_SOURCES).toContain("srt");
  for (const s of LIVE_SOURCES) expect(run(["create", `src-${s.replace(/_/g, "-")}`, "--sources", s]).status).toBe(0);
});

test("template <name> saves like template save <name>", () => {
  const { cwd, run } = project();
  const r = run([
    "template",
    "creator-channel",
    "--sources",
    "rtmp,obs",
    "--outputs",
    "cloudfront,youtube",
    "--transcodes",
    "1080p,720p,480p",
    "--tier",
    "standard",
    "--creators",
    "creator1,creator2",
  ]);
  expect(r.stdout).toMatch(/^wrote pipelines\/creator-channel.template.json\nnext: blackwell media deploy-template creator-channel --batch\n/);
  const saved = JSON.parse(fs.readFileSync(path.join(cwd, "pipelines", "creator-channel.template.json"), "utf8"));
  expect(
    run([
      "template",
      "save",
      "creator-channel",
      "--sources",
      "rtmp,obs",
      "--outputs",
      "cloudfront,youtube",
      "--transcodes",
      "1080p,720p,480p",
      "--tier",
      "standard",
      "--creators",
      "creator1,creator2",
      "--force",
    ]).status,
  ).toBe(0);
  expect(JSON.parse(fs.readFileSync(path.join(cwd, "pipelines", "creator-channel.template.json"), "utf8"))).toEqual(saved);
  expect(saved.creators).toEqual(["creator1", "creator2"]);
});

test("offline never applies: apply, deploy and destroy refuse --offline before touching anything", () => {
  const { cwd, run } = project();
  for (const verb of ["apply", "deploy", "destroy"]) {
    const r = run([verb, "studio_live_feed", "--offline", ...(verb === "destroy" ? ["--yes"] : [])]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `error: --offline only reviews (plan with placeholder credentials, nothing sent to AWS) and cannot ${verb}; review with blackwell media plan studio_live_feed --offline, then ${verb} with AWS credentials and without --offline\n`,
    );
  }
  expect(fs.existsSync(path.join(cwd, ".blackwell"))).toBe(false);
  expect(fs.existsSync(path.join(cwd, "modules"))).toBe(false);
});

test("status --pipeline is status <pipeline>; status without one says how to name it", () => {
  const { run } = project();
  expect(run(["status", "--pipeline", "studio_live_feed", "--modules", "nowhere"]).stderr).toMatch(/^error: no module at nowhere\/studio_live_feed/);
  expect(run(["status"]).stderr).toBe("error: name the pipeline: blackwell media status <pipeline> (or --pipeline <pipeline>)\n");
});

test("a plan that lacks module inputs names them and the var file before terraform runs", () => {
  const { cwd, run } = project();
  const r = run(["plan", "studio_live_feed", "--offline", "--modules", projectPath("modules")]);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(
    /^error: studio_live_feed needs module inputs elemental_link_input_device_id, youtube_stream_key before terraform can plan it: write them to a var file \(echo '\{"elemental_link_input_device_id": "...", "youtube_stream_key": "..."\}' > studio_live_feed.tfvars.json\) and run blackwell media plan studio_live_feed --offline --var-file studio_live_feed.tfvars.json \(keep secret ones out of the command line and out of git\)\n$/,
  );
  expect(fs.existsSync(path.join(cwd, ".blackwell", "work", "studio_live_feed", ".terraform"))).toBe(false);
  // A var file with them, an auto tfvars file in the root or TF_VAR_ variables count as given.
  const vars = path.join(cwd, "v.json");
  fs.writeFileSync(vars, JSON.stringify({ elemental_link_input_device_id: "hd-1" }));
  expect(missingInputs(projectPath("modules", "studio_live_feed"), undefined, vars).map((m) => m.name)).toEqual(["youtube_stream_key"]);
  expect(missingInputs(projectPath("modules", "studio_live_feed"), undefined, vars, ["youtube_stream_key"])).toEqual([]);
});

test("offline working roots keep the module pretty-printed, so terraform's errors point at a real line", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-stub-"));
  stubAwsccResources(projectPath("modules", "studio_live_feed"), path.join(out, "m"));
  for (const f of fs.readdirSync(path.join(out, "m"))) {
    const text = fs.readFileSync(path.join(out, "m", f), "utf8");
    expect(text.split("\n").length).toBeGreaterThan(5);
    expect(text).toMatch(/^\{\n {2}"/);
  }
});

test("every option of every command has a description", () => {
  const groups: Record<string, string[][]> = {
    cost: [
      ["cost", "estimate"],
      ["cost", "plan"],
      ["cost", "refresh-prices"],
    ],
    template: [["template"], ["template", "save"]],
    create: [["create", "pipeline"]],
    stream: [
      ["stream", "start"],
      ["stream", "stop"],
      ["stream", "monitor"],
    ],
  };
  const leaves = mediaCommands.flatMap((c) => groups[String(c.command).split(" ")[0]] ?? [[String(c.command).split(" ")[0]]]);
  const bare: string[] = [];
  for (const words of leaves) {
    const help = runCli(["media", ...words, "--help"], { env: { COLUMNS: "100" } }).stdout;
    const options = help.slice(help.indexOf("Options:"), help.includes("Examples:") ? help.indexOf("Examples:") : undefined);
    for (const line of options.split("\n")) if (/^\s+(-\w, )?--[\w-]+(\s+\[.*)?$/.test(line)) bare.push(`${words.join(" ")}: ${line.trim()}`);
  }
  expect(bare).toEqual([]);
});
