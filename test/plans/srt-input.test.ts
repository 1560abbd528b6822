/**
 * The SRT caller input plan: the CloudFormation template of the stack that creates the input (one SrtCallerSource per
 * channel pipeline), checked against the CloudFormation resource schema of AWS::MediaLive::Input (@aws-cdk/aws-service-spec)
 * and the MediaLive API model the way the awscc resources are; and what the channel role may read.
 */
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { planPipeline } from "../../src/plans/pipeline-plan";
import { SRT_STACK_OUTPUTS, planSrtCallerInput } from "../../src/plans/srt-input";
import { CLOUDFORMATION_NAMING, CfnSpec, checkProperties } from "../../src/validity/cfn-spec";
import { checkAgainstApiModel } from "../../src/validity/medialive-check";
import { medialiveModel } from "../../src/validity/api-model";
import type { Finding } from "../../src/validity/findings";
import type { Json } from "../../src/types/json";

const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:srt-field-AbCdEf";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const definition = (tier: string, srt: object) => ({
  pipeline_id: "srt_plan",
  pipeline_type: "live_stream",
  sources: [{ type: "srt", id: "field", url: "srt://203.0.113.10:7001", ...(tier === "enterprise" ? { backup_url: "srt://203.0.113.11:7001" } : {}), srt }],
  transcode_profiles: ["720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier,
});
const planOf = (tier: string, srt: object = {}) => planPipeline(resolvePipeline(definition(tier, srt) as never, loadCatalog()));
const srtPlanOf = (tier: string, srt: object = {}) => planOf(tier, srt).live!.inputs[0].srt!;

let spec: CfnSpec;
beforeAll(() => (spec = CfnSpec.load()));

/** The template's input against the CloudFormation schema and the MediaLive CreateInput request shape. */
function schemaFindings(template: Json): Finding[] {
  const findings: Finding[] = [];
  const input = template.Resources.Input;
  checkProperties(spec, spec.resource(input.Type)!.properties, input.Properties, "Input.Properties", "template", input.Type, findings, CLOUDFORMATION_NAMING);
  checkAgainstApiModel(medialiveModel(), "CreateInputRequest", input.Properties, "Input.Properties", "template", findings, "TEST", "MediaLive", false);
  return findings;
}

test("a STANDARD channel's SRT input has two SrtCallerSources, a single-pipeline channel's one, and both match AWS's specs", () => {
  const decryption = { algorithm: "AES192", passphrase_secret_arn: SECRET };
  const standard = srtPlanOf("enterprise", { stream_id: "camera-1", minimum_latency_ms: 2000, decryption }).template;
  const single = srtPlanOf("development", { decryption }).template;
  expect(standard.Resources.Input.Properties.SrtSettings.SrtCallerSources).toEqual([
    {
      SrtListenerAddress: { Ref: "ListenerAddress0" },
      SrtListenerPort: { Ref: "ListenerPort0" },
      StreamId: "camera-1",
      MinimumLatency: 2000,
      Decryption: { Algorithm: "AES192", PassphraseSecretArn: { Ref: "PassphraseSecretArn" } },
    },
    {
      SrtListenerAddress: { Ref: "ListenerAddress1" },
      SrtListenerPort: { Ref: "ListenerPort1" },
      StreamId: "camera-1",
      MinimumLatency: 2000,
      Decryption: { Algorithm: "AES192", PassphraseSecretArn: { Ref: "PassphraseSecretArn" } },
    },
  ]);
  expect(single.Resources.Input.Properties.SrtSettings.SrtCallerSources).toHaveLength(1);
  for (const template of [standard, single]) {
    expect(template.Resources.Input).toMatchObject({ Type: "AWS::MediaLive::Input", Properties: { Type: "SRT_CALLER", Name: { Ref: "InputName" } } });
    expect(schemaFindings(template)).toEqual([]);
    // the stack's outputs are attributes AWS::MediaLive::Input has
    const attributes = Object.keys(spec.resource("AWS::MediaLive::Input")!.attributes ?? {});
    for (const name of Object.values(SRT_STACK_OUTPUTS)) expect(attributes).toContain(template.Outputs[name].Value["Fn::GetAtt"][1]);
  }
});

test("NEGATIVE: the same check finds a property the schema lacks, a wrong type, and an algorithm the API does not have", () => {
  const template = structuredClone(srtPlanOf("development", { decryption: { algorithm: "AES256", passphrase_secret_arn: SECRET } }).template);
  const source = template.Resources.Input.Properties.SrtSettings.SrtCallerSources[0];
  source.Decryption.Algorithm = "AES512";
  source.MinimumLatency = 20.5;
  source.Passphrase = "correct horse battery";
  const messages = schemaFindings(template).map((f) => `${f.path}: ${f.message}`);
  expect(messages).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /SrtCallerSources\[0\]\.Passphrase: 'Passphrase' is not a property of AWS::MediaLive::Input\..*SrtCallerSourceRequest; CloudFormation has/,
      ),
      expect.stringMatching(/SrtCallerSources\[0\]\.MinimumLatency: 20\.5 is not an integer/),
      expect.stringMatching(/SrtCallerSources\[0\]\.Decryption\.Algorithm: "AES512" is not a Algorithm; the MediaLive API allows AES128, AES192, AES256/),
    ]),
  );
});

test("without decryption the template names no secret; the plan carries no passphrase, only where the secret is", () => {
  const plain = srtPlanOf("development");
  expect(plain.decryption).toBeUndefined();
  expect(JSON.stringify(plain.template)).not.toMatch(/Decryption|Passphrase/);
  const plan = planOf("enterprise", { decryption: { algorithm: "AES256", passphrase_secret_arn: SECRET, kms_key_arn: KEY } });
  expect(plan.liveAccess!.srtPassphrases).toEqual([{ sourceId: "field", secretArn: SECRET, kmsKeyArn: KEY }]);
  expect(planOf("development", { decryption: { algorithm: "AES256" } }).liveAccess!.srtPassphrases).toEqual([{ sourceId: "field" }]);
  expect(planOf("development").liveAccess!.srtPassphrases).toEqual([]);
});

test("the template is deterministic plain data, and CloudFormation parameters carry what the module fills", () => {
  const source = resolvePipeline(definition("enterprise", {}) as never, loadCatalog()).sources[0];
  const plan = planSrtCallerInput(source, [0, 1]);
  expect(planSrtCallerInput(source, [0, 1])).toEqual(plan);
  expect(Object.keys(plan.template.Parameters)).toEqual(["InputName", "ListenerAddress0", "ListenerPort0", "ListenerAddress1", "ListenerPort1"]);
  expect(plan.template.Parameters.ListenerAddress0.AllowedPattern).toBe("^(?:[0-9]{1,3}[.]){3}[0-9]{1,3}$");
});
