/**
 * SRT caller input as a small typed construct: an aws_cloudformation_stack whose template (src/plans/srt-input.ts)
 * declares the AWS::MediaLive::Input, with the listeners and the passphrase secret's ARN passed as stack
 * parameters from module variables. hashicorp/aws has no srt_settings on aws_medialive_input, and
 * AWS::MediaLive::Input is not a Cloud Control resource (no awscc_medialive_input). The passphrase itself never
 * reaches the module: MediaLive reads it from Secrets Manager with the channel role when the channel runs.
 */
import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { CloudformationStack } from "@cdktf/provider-aws/lib/cloudformation-stack";
import type { ResolvedSource } from "../src/types/resolved-pipeline.generated";
import { SRT_STACK_OUTPUTS, SRT_LISTENER_PATTERN, type SrtCallerInputPlan } from "../src/plans/srt-input";
import type { PipelineContext } from "./context";

const SECRET_ARN_PATTERN = "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$";
const KMS_KEY_ARN_PATTERN = "^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$";

/**
 * var.<source>_passphrase_secret_arn: the Secrets Manager secret holding the SRT passphrase (default: the definition's ARN).
 * Declared here for both users, the input's stack and the channel role's grant, so they name one secret.
 */
export function srtPassphraseSecretArn(ctx: PipelineContext, sourceId: string, definitionArn: string | undefined): string {
  const name = `${sourceId}_passphrase_secret_arn`;
  return ctx.variables.variable(name, {
    type: "string",
    description: `ARN of the Secrets Manager secret holding the passphrase of the '${sourceId}' SRT source (a plaintext secret of 10-79 characters; the full ARN, with its 6-character suffix). The channel role may read exactly this secret; the passphrase never enters this module.`,
    ...(definitionArn !== undefined ? { default: definitionArn } : {}),
    validation: [
      { condition: `\${can(regex(${JSON.stringify(SECRET_ARN_PATTERN)}, var.${name}))}`, errorMessage: `${name} must be a Secrets Manager secret ARN.` },
    ],
  }).stringValue;
}

/** var.<source>_passphrase_kms_key_arn: the customer managed key the passphrase secret is encrypted with (declared only when the definition names one). */
export function srtPassphraseKmsKeyArn(ctx: PipelineContext, sourceId: string, definitionArn: string): string {
  const name = `${sourceId}_passphrase_kms_key_arn`;
  return ctx.variables.variable(name, {
    type: "string",
    description: `ARN of the customer managed KMS key the '${sourceId}' SRT passphrase secret is encrypted with; the channel role may decrypt with it through Secrets Manager only.`,
    default: definitionArn,
    validation: [{ condition: `\${can(regex(${JSON.stringify(KMS_KEY_ARN_PATTERN)}, var.${name}))}`, errorMessage: `${name} must be a KMS key ARN.` }],
  }).stringValue;
}

export interface SrtCallerInputProps {
  context: PipelineContext;
  source: ResolvedSource;
  plan: SrtCallerInputPlan;
  /** The input's name (MediaLive's, like the other inputs). */
  name: string;
  /** srt://<IPv4>:<port> of the listener each channel pipeline calls, in plan.listeners order (module variable expressions). */
  listenerUrls: string[];
}

export class SrtCallerInput extends Construct {
  readonly stack: CloudformationStack;
  /** The MediaLive input id and ARN, from the stack's outputs (known after apply). */
  readonly inputId: string;
  readonly inputArn: string;

  constructor(scope: Construct, id: string, props: SrtCallerInputProps) {
    super(scope, id);
    const { context: ctx, source, plan } = props;
    const parameters: Record<string, string> = { [plan.nameParameter]: props.name };
    plan.listeners.forEach((l, i) => {
      const parts = Fn.regex(SRT_LISTENER_PATTERN, props.listenerUrls[i]);
      parameters[l.address] = Token.asString(Fn.element(parts, 0));
      parameters[l.port] = Token.asString(Fn.element(parts, 1));
    });
    if (plan.decryption) parameters[plan.decryption.secretParameter] = srtPassphraseSecretArn(ctx, source.id, plan.decryption.secretArn);
    this.stack = new CloudformationStack(this, source.id, {
      // Stack names start with a letter; name_prefix may start with a digit.
      name: `srt-\${var.name_prefix}-${source.id.replace(/_/g, "-")}`,
      templateBody: JSON.stringify(plan.template),
      parameters,
      // A failed create leaves nothing behind to import or clean up by hand.
      onFailure: "DELETE",
      timeoutInMinutes: 30,
      // CloudFormation propagates stack tags to the input it creates.
      tags: ctx.tags,
    });
    this.inputId = this.stack.outputs.lookup(SRT_STACK_OUTPUTS.inputId);
    this.inputArn = this.stack.outputs.lookup(SRT_STACK_OUTPUTS.inputArn);
  }
}
