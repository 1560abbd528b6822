/**
 * Modules with an SRT caller source through real terraform (hashicorp/aws 5.100.0 from the mirror, offline): validate,
 * then plan. The SRT input is an aws_cloudformation_stack; terraform itself evaluates the listener URLs into the stack's
 * parameters, and the module's variable validation refuses a listener MediaLive cannot call.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { renderModule, writeModule } from "../../src/synth/module-writer";
import { HarnessRun, checkModulesWithTerraform, moduleKey, requireProviderMirror } from "../../src/validity/terraform-check";
import type { Json } from "../../src/types/json";

const skip = process.env.BLACKWELL_SKIP_TERRAFORM === "1";
const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:srt-field-AbCdEf";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function moduleOf(definition: object) {
  const resolved = resolvePipeline(definition as never, loadCatalog());
  const dir = writeModule(renderModule(resolved), fs.mkdtempSync(path.join(os.tmpdir(), "bmf-srt-")));
  return { name: resolved.pipeline_id, dir, region: resolved.region };
}
const base = { pipeline_type: "live_stream", transcode_profiles: ["720p"], outputs: ["cloudfront"], region: "us-east-1" };

// A STANDARD channel: two listeners, stream id, latency, decryption with a CMK, failing over to an RTMP input.
const standard = moduleOf({
  ...base,
  pipeline_id: "srt_standard",
  tier: "enterprise",
  sources: [
    {
      type: "srt",
      id: "field",
      url: "srt://203.0.113.10:7001",
      backup_url: "srt://198.51.100.20:7002",
      srt: { stream_id: "camera-1", minimum_latency_ms: 2000, decryption: { algorithm: "AES256", passphrase_secret_arn: SECRET, kms_key_arn: KEY } },
    },
    { type: "rtmp", id: "studio", allowed_cidrs: ["203.0.113.0/24"] },
  ],
});
// A single-pipeline channel whose listener and passphrase secret are module inputs (the harness passes placeholders).
const single = moduleOf({
  ...base,
  pipeline_id: "srt_single",
  tier: "development",
  sources: [{ type: "srt", id: "field", srt: { decryption: { algorithm: "AES128" } } }],
});
// The same module with a listener MediaLive cannot call as the variable's default: the module's validation must refuse it.
const badListener = (() => {
  const m = moduleOf({
    ...base,
    pipeline_id: "srt_bad_listener",
    tier: "development",
    sources: [{ type: "srt", id: "field", url: "srt://203.0.113.10:7001" }],
  });
  const file = path.join(m.dir, "variables.tf.json");
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  doc.variable.field_url.default = "srt://listener.example.com:7001";
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  return m;
})();

let run: Promise<HarnessRun> | undefined;
const good = () => (run ??= checkModulesWithTerraform([standard, single], { mirror: requireProviderMirror()!, plan: true }));
const change = (r: HarnessRun, address: string): Json => (r.planJson!.resource_changes as Json[]).find((c) => c.address === address)!.change;

(skip ? describe.skip : describe)("SRT caller modules through real terraform", () => {
  test("both validate and plan; the stack, the channel and the role policy are created", async () => {
    const r = await good();
    expect(r.modules.map((m) => ({ name: m.name, errors: m.errors }))).toEqual([
      { name: "srt_standard", errors: [] },
      { name: "srt_single", errors: [] },
    ]);
    expect(r.ok).toBe(true);
    for (const m of [standard, single])
      expect(r.modules.find((x) => x.name === m.name)!.toCreate).toEqual(
        expect.arrayContaining([
          `module.${moduleKey(m.name)}.aws_cloudformation_stack.field`,
          `module.${moduleKey(m.name)}.aws_medialive_channel.main`,
          `module.${moduleKey(m.name)}.aws_iam_role_policy.medialive`,
        ]),
      );
  });

  test("terraform turns each pipeline's listener URL into the stack's address and port parameters", async () => {
    const r = await good();
    const stack = change(r, `module.${moduleKey(standard.name)}.aws_cloudformation_stack.field`).after;
    expect(stack.parameters).toEqual({
      InputName: "srt-standard-field",
      ListenerAddress0: "203.0.113.10",
      ListenerPort0: "7001",
      ListenerAddress1: "198.51.100.20",
      ListenerPort1: "7002",
      PassphraseSecretArn: SECRET,
    });
    expect(JSON.parse(stack.template_body).Resources.Input.Properties.SrtSettings.SrtCallerSources).toHaveLength(2);
    const singleStack = change(r, `module.${moduleKey(single.name)}.aws_cloudformation_stack.field`).after;
    expect(Object.keys(singleStack.parameters).sort()).toEqual(["InputName", "ListenerAddress0", "ListenerPort0", "PassphraseSecretArn"]);
  });

  test("NEGATIVE: a listener given by host name fails the module's own variable validation", async () => {
    const r = await checkModulesWithTerraform([badListener], { mirror: requireProviderMirror()!, plan: true });
    expect(r.ok).toBe(false);
    expect(r.modules[0].errors.join("\n")).toMatch(/field_url must match/);
  });
});
