/**
 * A module with an SRT caller source: the input is an aws_cloudformation_stack whose template declares
 * AWS::MediaLive::Input, the channel attaches the stack's InputId output, and the channel role may read exactly the
 * passphrase secret (and decrypt with its CMK through Secrets Manager). Every validity rule passes on it, and
 * CFN-STACK-TEMPLATE / ML-SRT-PASSPHRASE-ACCESS fail on copies broken in one place.
 */
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { renderModule } from "../../src/synth/module-writer";
import { ModuleFiles, declarationsOf, moduleFromContents } from "../../src/validity/module-files";
import { checkModuleFiles } from "../../src/validity/rules";
import type { Json } from "../../src/types/json";

const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:srt-field-AbCdEf";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const definition = {
  pipeline_id: "srt_module",
  pipeline_type: "live_stream",
  sources: [
    {
      type: "srt",
      id: "field",
      url: "srt://203.0.113.10:7001",
      backup_url: "srt://203.0.113.11:7001",
      srt: { stream_id: "camera-1", minimum_latency_ms: 2000, decryption: { algorithm: "AES256", passphrase_secret_arn: SECRET, kms_key_arn: KEY } },
    },
    { type: "rtmp", id: "studio", allowed_cidrs: ["203.0.113.0/24"] },
  ],
  transcode_profiles: ["720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier: "enterprise",
};

const rendered = renderModule(resolvePipeline(definition as never, loadCatalog())).files;
const srtModule = moduleFromContents(rendered);
const doc = (file: string) => srtModule.files.get(file)!;
const stack = () => doc("medialive.tf.json").resource.aws_cloudformation_stack.field;
const findings = (m: ModuleFiles) => checkModuleFiles(m).findings.map((f) => `${f.rule} ${f.file} ${f.path}: ${f.message}`);

/** A copy of the module with `change` applied to its parsed files. */
function broken(change: (files: Map<string, Json>) => void): ModuleFiles {
  const files = new Map([...srtModule.files].map(([f, d]) => [f, structuredClone(d)]));
  change(files);
  return { dir: "<test>", files, examples: srtModule.examples, declarations: declarationsOf(files) };
}
const withTemplate = (change: (template: Json, body: Json) => void) =>
  broken((files) => {
    const body = files.get("medialive.tf.json")!.resource.aws_cloudformation_stack.field;
    const template = JSON.parse(body.template_body);
    change(template, body);
    body.template_body = JSON.stringify(template);
  });

test("the SRT input is a CloudFormation stack the channel attaches, with failover to the RTMP input", () => {
  const ml = doc("medialive.tf.json").resource;
  expect(Object.keys(ml.aws_medialive_input)).toEqual(["studio"]);
  expect(stack()).toMatchObject({
    name: "srt-${var.name_prefix}-field",
    on_failure: "DELETE",
    tags: "${local.tags}",
    parameters: {
      InputName: "${var.name_prefix}-field",
      PassphraseSecretArn: "${var.field_passphrase_secret_arn}",
      ListenerAddress1: expect.stringContaining("var.field_backup_url), 0)"),
      ListenerPort0: expect.stringContaining("var.field_url), 1)"),
    },
  });
  const [field, studio] = ml.aws_medialive_channel.main.input_attachments;
  expect(field.input_id).toBe('${aws_cloudformation_stack.field.outputs["InputId"]}');
  expect(field.automatic_input_failover_settings.secondary_input_id).toBe("${aws_medialive_input.studio.id}");
  expect(studio.input_id).toBe("${aws_medialive_input.studio.id}");
  expect(doc("outputs.tf.json").output.input_ids.value.field).toBe('${aws_cloudformation_stack.field.outputs["InputId"]}');
  const vars = doc("variables.tf.json").variable;
  expect(vars.field_url.default).toBe("srt://203.0.113.10:7001");
  expect(vars.field_backup_url.default).toBe("srt://203.0.113.11:7001");
  expect(vars.field_passphrase_secret_arn.default).toBe(SECRET);
});

test("the channel role reads exactly the passphrase secret, and decrypts with its CMK only through Secrets Manager", () => {
  const statements = doc("iam.tf.json").data.aws_iam_policy_document.medialive_permissions.statement as Json[];
  expect(statements.filter((s) => s.actions.some((a: string) => /^(secretsmanager|kms):/.test(a)))).toEqual([
    { sid: "ReadSrtPassphrases", effect: "Allow", actions: ["secretsmanager:GetSecretValue"], resources: ["${var.field_passphrase_secret_arn}"] },
    {
      sid: "DecryptSrtPassphrases",
      effect: "Allow",
      actions: ["kms:Decrypt"],
      resources: ["${var.field_passphrase_kms_key_arn}"],
      condition: [{ test: "StringEquals", variable: "kms:ViaService", values: ["secretsmanager.${data.aws_region.current.id}.amazonaws.com"] }],
    },
  ]);
});

test("no passphrase is written anywhere, and the module passes every validity rule", () => {
  expect([...rendered.values()].join("\n")).not.toMatch(/"passphrase"|Passphrase"\s*:\s*"(?!\$)/);
  expect(findings(srtModule)).toEqual([]);
});

test("a module without decryption names no secret and grants no Secrets Manager access; a decrypting one without an ARN asks for it", () => {
  const plain = moduleFromContents(
    renderModule(resolvePipeline({ ...definition, tier: "development", sources: [{ type: "srt", id: "field" }] } as never, loadCatalog())).files,
  );
  expect(JSON.stringify([...plain.files.values()])).not.toMatch(/secretsmanager|Decryption/);
  expect(plain.files.get("variables.tf.json")!.variable.field_url.default).toBeUndefined();
  expect(findings(plain)).toEqual([]);
  const asks = moduleFromContents(
    renderModule(
      resolvePipeline(
        { ...definition, tier: "development", sources: [{ type: "srt", id: "field", srt: { decryption: { algorithm: "AES128" } } }] } as never,
        loadCatalog(),
      ),
    ).files,
  );
  expect(asks.files.get("variables.tf.json")!.variable.field_passphrase_secret_arn).not.toHaveProperty("default");
  expect(findings(asks)).toEqual([]);
});

describe("CFN-STACK-TEMPLATE", () => {
  test("NEGATIVE: a property AWS::MediaLive::Input lacks, and an algorithm the MediaLive API lacks", () => {
    const m = withTemplate((t) => {
      t.Resources.Input.Properties.SrtSettings.SrtCallerSources[1].Decryption.Algorithm = "AES512";
      t.Resources.Input.Properties.SrtSettings.SrtCallerSources[0].Latency = 2000;
    });
    expect(findings(m)).toEqual([
      expect.stringMatching(/^CFN-STACK-TEMPLATE medialive\.tf\.json .*SrtCallerSources\[0\]\.Latency: 'Latency' is not a property of AWS::MediaLive::Input/),
      expect.stringMatching(/^CFN-STACK-TEMPLATE medialive\.tf\.json .*SrtCallerSources\[0\]\.Latency: 'Latency' is not a member of SrtCallerSourceRequest/),
      expect.stringMatching(/^CFN-STACK-TEMPLATE medialive\.tf\.json .*SrtCallerSources\[1\]\.Decryption\.Algorithm: "AES512" is not a Algorithm/),
    ]);
  });

  test("NEGATIVE: a Ref to nothing, a parameter the template lacks, one left unset, and an output the module reads but the template lacks", () => {
    const m = withTemplate((t, body) => {
      t.Resources.Input.Properties.Name = { Ref: "InputNam" };
      body.parameters.Extra = "x";
      delete body.parameters.ListenerPort1;
      delete t.Outputs.InputId;
    });
    expect(findings(m)).toEqual(
      expect.arrayContaining([
        'CFN-STACK-TEMPLATE medialive.tf.json resource.aws_cloudformation_stack.field.template_body: {"Ref": "InputNam"} names no parameter or resource of the template',
        "CFN-STACK-TEMPLATE medialive.tf.json resource.aws_cloudformation_stack.field.parameters.Extra: the template declares no parameter 'Extra'",
        "CFN-STACK-TEMPLATE medialive.tf.json resource.aws_cloudformation_stack.field.parameters: the template's parameter 'ListenerPort1' has no default and the stack does not pass it",
        expect.stringMatching(
          /^CFN-STACK-TEMPLATE medialive\.tf\.json resource\.aws_medialive_channel\.main\.input_attachments\[0\]\.input_id: .*has no output 'InputId'/,
        ),
      ]),
    );
  });

  test("NEGATIVE: an attribute the resource does not have, and a body that is not JSON", () => {
    expect(findings(withTemplate((t) => (t.Outputs.InputArn.Value["Fn::GetAtt"][1] = "InputArn")))).toEqual([
      expect.stringMatching(/Outputs\.InputArn: AWS::MediaLive::Input has no attribute 'InputArn'/),
    ]);
    const m = broken((files) => (files.get("medialive.tf.json")!.resource.aws_cloudformation_stack.field.template_body = "{not json"));
    expect(findings(m)).toEqual(expect.arrayContaining([expect.stringMatching(/template_body: template_body is not JSON/)]));
  });
});

describe("ML-SRT-PASSPHRASE-ACCESS", () => {
  const permissions = (files: Map<string, Json>) => files.get("iam.tf.json")!.data.aws_iam_policy_document.medialive_permissions.statement as Json[];

  test("NEGATIVE: a role without the GetSecretValue grant cannot decrypt the input", () => {
    const m = broken((files) => {
      const statements = permissions(files);
      statements.splice(
        statements.findIndex((s) => s.sid === "ReadSrtPassphrases"),
        1,
      );
    });
    expect(findings(m)).toEqual([
      `ML-SRT-PASSPHRASE-ACCESS medialive.tf.json resource.aws_cloudformation_stack.field.template_body.Resources.Input.Properties.SrtSettings.SrtCallerSources[0].Decryption.PassphraseSecretArn: the channel role cannot read the passphrase secret "\${var.field_passphrase_secret_arn}": no secretsmanager:GetSecretValue statement names it, so MediaLive could not decrypt the SRT source`,
      `ML-SRT-PASSPHRASE-ACCESS medialive.tf.json resource.aws_cloudformation_stack.field.template_body.Resources.Input.Properties.SrtSettings.SrtCallerSources[1].Decryption.PassphraseSecretArn: the channel role cannot read the passphrase secret "\${var.field_passphrase_secret_arn}": no secretsmanager:GetSecretValue statement names it, so MediaLive could not decrypt the SRT source`,
    ]);
  });

  test("NEGATIVE: a wildcard grant is refused even though it would work", () => {
    let index = -1;
    const m = broken((files) => {
      index = permissions(files).findIndex((s) => s.sid === "ReadSrtPassphrases");
      permissions(files)[index].resources.push("arn:aws:secretsmanager:us-east-1:111122223333:secret:*");
    });
    expect(findings(m)).toEqual([
      `ML-SRT-PASSPHRASE-ACCESS iam.tf.json data.aws_iam_policy_document.medialive_permissions.statement[${index}].resources: secretsmanager:GetSecretValue on 'arn:aws:secretsmanager:us-east-1:111122223333:secret:*' reaches more than the passphrase secrets; name each secret`,
    ]);
  });
});
