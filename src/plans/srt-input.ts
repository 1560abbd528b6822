/**
 * SRT caller input: neither Terraform provider can create one (hashicorp/aws aws_medialive_input has no srt_settings;
 * AWS::MediaLive::Input is not a Cloud Control resource, so there is no awscc_medialive_input), so the module creates
 * it through an aws_cloudformation_stack. This plan is that stack's template, plain data: one AWS::MediaLive::Input
 * of type SRT_CALLER with one SrtCallerSource per channel pipeline (a single-class input for a single-pipeline
 * channel, standard-class for a STANDARD one), the environment-specific values (name, listeners, passphrase secret)
 * as CloudFormation parameters the module fills from its variables, and the input's id and ARN as stack outputs.
 */
import type { ResolvedSource } from "../types/resolved-pipeline.generated";
import type { Json } from "../types/json";
import { SRT_LISTENER_PATTERN } from "../core/srt-rules";

export { SRT_LISTENER_PATTERN };

/** The CloudFormation logical id of the input, and the stack outputs the channel and the module outputs read. */
export const SRT_INPUT_RESOURCE = "Input";
export const SRT_STACK_OUTPUTS = { inputId: "InputId", inputArn: "InputArn" } as const;

export interface SrtListenerParameters {
  pipeline: number;
  /** CloudFormation parameter names of this pipeline's listener address and port. */
  address: string;
  port: string;
}

export interface SrtCallerInputPlan {
  /** CloudFormation parameter holding the input's name. */
  nameParameter: "InputName";
  /** One listener per channel pipeline. */
  listeners: SrtListenerParameters[];
  /** Decryption, when the upstream system encrypts: the parameter that carries the passphrase secret's ARN. */
  decryption?: { algorithm: "AES128" | "AES192" | "AES256"; secretParameter: "PassphraseSecretArn"; secretArn?: string; kmsKeyArn?: string };
  /** The stack's template (AWSTemplateFormatVersion, Parameters, Resources, Outputs). */
  template: Json;
}

export function planSrtCallerInput(source: ResolvedSource, pipelines: number[]): SrtCallerInputPlan {
  const srt = source.srt ?? {};
  const listeners = pipelines.map((pipeline) => ({ pipeline, address: `ListenerAddress${pipeline}`, port: `ListenerPort${pipeline}` }));
  const d = srt.decryption;
  const decryption = d
    ? {
        algorithm: d.algorithm,
        secretParameter: "PassphraseSecretArn" as const,
        ...(d.passphrase_secret_arn ? { secretArn: d.passphrase_secret_arn } : {}),
        ...(d.kms_key_arn ? { kmsKeyArn: d.kms_key_arn } : {}),
      }
    : undefined;
  const parameters: Json = {
    InputName: { Type: "String", Description: "Name of the MediaLive input." },
  };
  for (const l of listeners) {
    parameters[l.address] = {
      Type: "String",
      Description: `IP address of the upstream SRT listener pipeline ${l.pipeline} calls.`,
      AllowedPattern: "^(?:[0-9]{1,3}[.]){3}[0-9]{1,3}$",
    };
    parameters[l.port] = { Type: "String", Description: `Port of the upstream SRT listener pipeline ${l.pipeline} calls.`, AllowedPattern: "^[0-9]{1,5}$" };
  }
  if (decryption)
    parameters[decryption.secretParameter] = {
      Type: "String",
      Description: "ARN of the Secrets Manager secret holding the SRT passphrase (never the passphrase itself).",
      AllowedPattern: "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$",
    };
  const callerSource = (l: SrtListenerParameters): Json => ({
    SrtListenerAddress: { Ref: l.address },
    SrtListenerPort: { Ref: l.port },
    ...(srt.stream_id !== undefined ? { StreamId: srt.stream_id } : {}),
    ...(srt.minimum_latency_ms !== undefined ? { MinimumLatency: srt.minimum_latency_ms } : {}),
    ...(decryption ? { Decryption: { Algorithm: decryption.algorithm, PassphraseSecretArn: { Ref: decryption.secretParameter } } } : {}),
  });
  const template: Json = {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `MediaLive SRT caller input for source '${source.id}' (Blackwell Media Factory)`,
    Parameters: parameters,
    Resources: {
      [SRT_INPUT_RESOURCE]: {
        Type: "AWS::MediaLive::Input",
        Properties: {
          Name: { Ref: "InputName" },
          Type: "SRT_CALLER",
          SrtSettings: { SrtCallerSources: listeners.map(callerSource) },
        },
      },
    },
    Outputs: {
      [SRT_STACK_OUTPUTS.inputId]: { Description: "MediaLive input id.", Value: { "Fn::GetAtt": [SRT_INPUT_RESOURCE, "Id"] } },
      [SRT_STACK_OUTPUTS.inputArn]: { Description: "MediaLive input ARN.", Value: { "Fn::GetAtt": [SRT_INPUT_RESOURCE, "Arn"] } },
    },
  };
  return { nameParameter: "InputName", listeners, ...(decryption ? { decryption } : {}), template };
}
