/**
 * Checks aws_cloudformation_stack resources whose template body is literal JSON (the SRT caller input: AWS::MediaLive::Input,
 * which neither Terraform provider can create): the template's resources against their CloudFormation resource schema
 * (@aws-cdk/aws-service-spec, as the awscc resources are) and, for MediaLive, against the MediaLive API model (enums and
 * ranges the CloudFormation schema does not carry); its Refs, parameters and outputs against the stack that fills and
 * reads them; and that the channel role may read every SRT passphrase secret the template names.
 */
import { CLOUDFORMATION_NAMING, CfnSpec, checkProperties, isIntrinsic } from "./cfn-spec";
import { ApiModel } from "./api-model";
import { checkAgainstApiModel } from "./medialive-check";
import type { Finding } from "./findings";
import type { ModuleFiles } from "./module-files";
import { referencesOf } from "./consistency";
import type { Json } from "../types/json";

export interface StackTemplate {
  file: string;
  name: string;
  /** resource.aws_cloudformation_stack.<name> */
  where: string;
  body: Json;
  template: Json;
}

/** Every aws_cloudformation_stack with a literal JSON template_body; a body that does not parse is a finding. */
export function stackTemplates(module: ModuleFiles, findings: Finding[] = []): StackTemplate[] {
  const stacks: StackTemplate[] = [];
  for (const [file, doc] of module.files)
    for (const [name, body] of Object.entries((doc.resource?.aws_cloudformation_stack ?? {}) as Record<string, Json>)) {
      const where = `resource.aws_cloudformation_stack.${name}`;
      if (typeof body.template_body !== "string" || body.template_body.includes("${")) continue;
      try {
        stacks.push({ file, name, where, body, template: JSON.parse(body.template_body) });
      } catch (e) {
        findings.push({ rule: "CFN-STACK-TEMPLATE", file, path: `${where}.template_body`, message: `template_body is not JSON: ${(e as Error).message}` });
      }
    }
  return stacks;
}

/** The template's CloudFormation resource types whose properties the MediaLive API model also describes (exact member names). */
const API_SHAPES: Record<string, string> = { "AWS::MediaLive::Input": "CreateInputRequest" };

/** Every { "Ref": name } in a template value. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === "object") {
    const ref = (value as Json).Ref;
    if (typeof ref === "string" && Object.keys(value).length === 1) out.push(ref);
    else Object.values(value).forEach((v) => refsIn(v, out));
  }
  return out;
}

/** CFN-STACK-TEMPLATE */
export function checkStackTemplates(module: ModuleFiles, spec: CfnSpec, medialive: ApiModel): Finding[] {
  const findings: Finding[] = [];
  const report = (file: string, path: string, message: string) => findings.push({ rule: "CFN-STACK-TEMPLATE", file, path, message });
  const stacks = stackTemplates(module, findings);
  for (const { file, name, where, body, template } of stacks) {
    const at = `${where}.template_body`;
    const resources = (template.Resources ?? {}) as Record<string, Json>;
    const parameters = (template.Parameters ?? {}) as Record<string, Json>;
    if (!Object.keys(resources).length) report(file, at, "the template declares no Resources");
    for (const [logical, r] of Object.entries(resources)) {
      const rWhere = `${at}.Resources.${logical}`;
      const resource = spec.resource(String(r.Type));
      if (!resource) {
        report(file, `${rWhere}.Type`, `${JSON.stringify(r.Type)} is not a CloudFormation resource type`);
        continue;
      }
      const schema: Finding[] = [];
      checkProperties(spec, resource.properties, (r.Properties ?? {}) as Json, `${rWhere}.Properties`, file, String(r.Type), schema, CLOUDFORMATION_NAMING);
      findings.push(...schema.map((f) => ({ ...f, rule: "CFN-STACK-TEMPLATE" })));
      const shape = API_SHAPES[String(r.Type)];
      if (shape) checkAgainstApiModel(medialive, shape, r.Properties ?? {}, `${rWhere}.Properties`, file, findings, "CFN-STACK-TEMPLATE", "MediaLive", false);
    }
    // Intrinsics stand for values the schema checks above cannot see; their names must resolve.
    for (const ref of refsIn(template.Resources).concat(refsIn(template.Outputs)))
      if (!(ref in parameters) && !(ref in resources) && !ref.startsWith("AWS::"))
        report(file, at, `{"Ref": "${ref}"} names no parameter or resource of the template`);
    for (const [output, o] of Object.entries((template.Outputs ?? {}) as Record<string, Json>)) {
      const getAtt = o.Value?.["Fn::GetAtt"];
      if (!Array.isArray(getAtt)) continue;
      const [logical, attribute] = getAtt as [string, string];
      const type = resources[logical]?.Type;
      const attributes = type ? Object.keys(spec.resource(String(type))?.attributes ?? {}) : [];
      if (!type) report(file, `${at}.Outputs.${output}`, `Fn::GetAtt names '${logical}', which the template does not declare`);
      else if (!attributes.includes(attribute))
        report(file, `${at}.Outputs.${output}`, `${type} has no attribute '${attribute}' (it has ${attributes.join(", ")})`);
    }
    // CloudFormation refuses a stack whose parameters are unknown to the template, or that leaves one without a default unset.
    const given = (body.parameters ?? {}) as Record<string, unknown>;
    for (const p of Object.keys(given)) if (!(p in parameters)) report(file, `${where}.parameters.${p}`, `the template declares no parameter '${p}'`);
    for (const [p, decl] of Object.entries(parameters))
      if (decl.Default === undefined && !(p in given))
        report(file, `${where}.parameters`, `the template's parameter '${p}' has no default and the stack does not pass it`);
    // What the module reads from the stack's outputs must be declared by the template.
    for (const site of referencesOf(module)) {
      const [type, stack, attribute] = site.traversal.parts;
      if (type !== "aws_cloudformation_stack" || stack !== name || attribute !== "outputs") continue;
      const key = /outputs(?:\["([^"]+)"\]|\.([A-Za-z0-9]+))/.exec(site.traversal.text);
      const output = key?.[1] ?? key?.[2];
      if (output && !(output in (template.Outputs ?? {})))
        report(
          site.file,
          site.path,
          `${site.traversal.text}: the stack's template has no output '${output}' (it has ${Object.keys(template.Outputs ?? {}).join(", ")})`,
        );
    }
  }
  return findings;
}

/**
 * ML-SRT-PASSPHRASE-ACCESS: MediaLive reads an SRT passphrase from Secrets Manager with the channel role while the channel
 * runs; a role that may not read the secret leaves the input undecryptable. Every PassphraseSecretArn in a stack template
 * must reach, through the stack parameter that fills it, the resources of a secretsmanager:GetSecretValue statement of a
 * policy document in the module, and such statements name exact secrets (no wildcard).
 */
export function checkSrtPassphraseAccess(module: ModuleFiles): Finding[] {
  const findings: Finding[] = [];
  const readable = new Set<string>();
  for (const [file, doc] of module.files)
    for (const [name, d] of Object.entries((doc.data?.aws_iam_policy_document ?? {}) as Record<string, Json>))
      ([] as Json[]).concat(d.statement ?? []).forEach((st, i) => {
        const actions = ([] as string[]).concat(st.actions ?? []);
        if (!actions.includes("secretsmanager:GetSecretValue") || (st.effect ?? "Allow") !== "Allow") return;
        for (const r of ([] as string[]).concat(st.resources ?? [])) {
          if (/\*/.test(r.replace(/\$\{[^}]*\}/g, "")))
            findings.push({
              rule: "ML-SRT-PASSPHRASE-ACCESS",
              file,
              path: `data.aws_iam_policy_document.${name}.statement[${i}].resources`,
              message: `secretsmanager:GetSecretValue on '${r}' reaches more than the passphrase secrets; name each secret`,
            });
          readable.add(r);
        }
      });
  for (const { file, where, body, template } of stackTemplates(module)) {
    const parameters = (body.parameters ?? {}) as Record<string, string>;
    for (const [logical, r] of Object.entries((template.Resources ?? {}) as Record<string, Json>)) {
      if (r.Type !== "AWS::MediaLive::Input") continue;
      ([] as Json[]).concat(r.Properties?.SrtSettings?.SrtCallerSources ?? []).forEach((source, i) => {
        const arn = source?.Decryption?.PassphraseSecretArn;
        if (arn === undefined) return;
        const value = isIntrinsic(arn) && typeof arn.Ref === "string" ? parameters[arn.Ref] : arn;
        if (typeof value !== "string" || !readable.has(value))
          findings.push({
            rule: "ML-SRT-PASSPHRASE-ACCESS",
            file,
            path: `${where}.template_body.Resources.${logical}.Properties.SrtSettings.SrtCallerSources[${i}].Decryption.PassphraseSecretArn`,
            message: `the channel role cannot read the passphrase secret ${JSON.stringify(value ?? arn)}: no secretsmanager:GetSecretValue statement names it, so MediaLive could not decrypt the SRT source`,
          });
      });
    }
  }
  return findings;
}
