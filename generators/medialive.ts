/**
 * MediaLive: an input security group per push source, one input per source, and the channel built
 * from the ladder. Environment-specific settings (CIDRs, device ids, pull URLs, stream keys) are
 * module variables; nothing secret is written into the module.
 */
import { Construct } from "constructs";
import { ITerraformDependable, TerraformIterator, Token } from "cdktf";
import { MedialiveInputSecurityGroup } from "@cdktf/provider-aws/lib/medialive-input-security-group";
import { MedialiveInput, MedialiveInputConfig } from "@cdktf/provider-aws/lib/medialive-input";
import type { MedialiveChannelDestinations } from "@cdktf/provider-aws/lib/medialive-channel";
import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import type { ResolvedSource } from "../src/types/resolved-pipeline.generated";
import { AUDIO_SELECTOR, DESTINATION, type LiveEncodingPlan, type SimulcastDestination } from "../src/plans/live-encoding";
import type { SrtCallerInputPlan } from "../src/plans/srt-input";
import { SRT_LISTENER_PATTERN } from "../src/plans/srt-input";
import { PipelineContext, ServiceProps } from "./context";
import { srtCallerInputGenerator } from "./features";
import { buildEncoderSettings } from "./medialive-encoder";
import { medialiveChannel, type MediaLiveChannelResource } from "./shaped-bindings";

const CIDR_VALIDATION = (name: string) => `\${alltrue([for c in var.${name} : can(cidrhost(c, 0))])}`;

export interface MediaLiveProps extends ServiceProps<LiveEncodingPlan> {
  /** The channel's IAM role (MediaLiveRole). */
  roleArn: string;
  /** MediaPackage v2 ingest endpoint URLs, when playback goes through MediaPackage. */
  mediapackageIngestUrls?: string[];
  /** Archive destination base, e.g. s3ssl://bucket/recordings/$dt$, when the stream is archived. */
  archiveBaseUrl?: string;
  /** What the channel must wait for (the role's policy: MediaLive checks permissions when the channel is created). */
  dependsOn?: ITerraformDependable[];
}

export class MediaLive extends Construct {
  readonly channel: MediaLiveChannelResource;
  /** Every input's id by source (aws_medialive_input, or the SRT caller input's CloudFormation stack output). */
  readonly inputs: Array<{ source: ResolvedSource; inputId: string }> = [];

  private readonly ctx: PipelineContext;

  constructor(scope: Construct, id: string, props: MediaLiveProps) {
    super(scope, id);
    const { context: ctx, plan } = props;
    this.ctx = ctx;
    for (const input of plan.inputs)
      this.inputs.push({
        source: input.source,
        inputId: input.srt ? this.srtCallerInput(input.source, input.srt, input.pipelines) : this.input(input.source, input.pipelines).id,
      });

    const destinations: MedialiveChannelDestinations[] = [];
    if (plan.toMediaPackage) {
      if (!props.mediapackageIngestUrls) throw new Error("generator bug: the live plan pushes to MediaPackage but no ingest URLs were given");
      destinations.push({ id: DESTINATION.mediapackage, settings: plan.pipelines.map((i) => ({ url: props.mediapackageIngestUrls![i] })) });
    }
    if (plan.toArchive) {
      if (!props.archiveBaseUrl) throw new Error("generator bug: the live plan records to the archive but no archive URL was given");
      destinations.push({ id: DESTINATION.archive, settings: plan.pipelines.map((i) => ({ url: `${props.archiveBaseUrl}/pipeline${i}/index` })) });
    }
    for (const d of plan.simulcast) {
      const key = this.streamKey(d);
      destinations.push({ id: d.id, settings: d.urls.map((url) => ({ url, streamName: key })) });
    }

    const inputIds = new Map(this.inputs.map(({ source, inputId }) => [source.id, inputId]));
    this.channel = medialiveChannel(this, "main", {
      name: `\${var.name_prefix}-channel`,
      channelClass: plan.channelClass,
      roleArn: props.roleArn,
      logLevel: plan.logLevel,
      startChannel: ctx.variables.variable("start_channel", {
        type: "bool",
        description: "Start the channel after apply. A running channel is billed by the hour, so the default is false.",
        default: false,
      }).booleanValue,
      inputSpecification: plan.inputSpecification,
      inputAttachments: plan.inputs.map(({ source, failoverTo }) => ({
        inputAttachmentName: source.id,
        inputId: inputIds.get(source.id)!,
        inputSettings: {
          audioSelector: [{ name: AUDIO_SELECTOR }],
          ...(plan.captions
            ? {
                captionSelector: plan.captions.selectors.map((c) => ({
                  name: c.name,
                  languageCode: c.languageCode,
                  selectorSettings: { embeddedSourceSettings: { source608ChannelNumber: c.channel, convert608To708: "DISABLED", scte20Detection: "OFF" } },
                })),
              }
            : {}),
          sourceEndBehavior: source.kind === "mp4_file" ? "LOOP" : "CONTINUE",
        },
        automaticInputFailoverSettings: failoverTo
          ? {
              secondaryInputId: inputIds.get(failoverTo)!,
              inputPreference: "PRIMARY_INPUT_PREFERRED",
              errorClearTimeMsec: 10000,
              failoverCondition: [{ failoverConditionSettings: { inputLossSettings: { inputLossThresholdMsec: 3000 } } }],
            }
          : undefined,
      })),
      destinations,
      encoderSettings: buildEncoderSettings(plan),
      tags: ctx.tags,
      dependsOn: props.dependsOn,
    });
  }

  /** The stream key of a simulcast output: a sensitive variable by default, or read from Secrets Manager / SSM at plan time. */
  private streamKey(o: SimulcastDestination): string {
    const ref = o.streamKey;
    if (ref.kind === "secrets_manager") return new DataAwsSecretsmanagerSecretVersion(this, `${o.id}_stream_key`, { secretId: ref.ref }).secretString;
    if (ref.kind === "ssm_parameter") return new DataAwsSsmParameter(this, `${o.id}_stream_key`, { name: ref.ref, withDecryption: true }).value;
    return this.ctx.variables.variable(ref.ref, {
      type: "string",
      description: `Stream key for the '${o.id}' simulcast destination (${o.url}). Pass it from a secret store; it is never written into this module.`,
      sensitive: true,
      validation: [{ condition: `\${length(var.${ref.ref}) > 0}`, errorMessage: `${ref.ref} must not be empty.` }],
    }).stringValue;
  }

  /** An SRT caller input (CloudFormation stack): one listener URL per pipeline, as module variables defaulting to the definition's. */
  private srtCallerInput(source: ResolvedSource, plan: SrtCallerInputPlan, pairs: number[]): string {
    const standard = pairs.length > 1;
    const listenerUrls = pairs.map((i) =>
      i === 0
        ? this.setting(
            source,
            "url",
            source.url,
            `Upstream SRT listener the '${source.id}' source calls${standard ? " from pipeline 0 of the STANDARD channel" : ""} (srt://<IPv4 address>:<port>).`,
            SRT_LISTENER_PATTERN,
          )
        : this.setting(
            source,
            "backup_url",
            source.backup_url,
            `Second upstream SRT listener the '${source.id}' source calls from pipeline 1 of the STANDARD channel (srt://<IPv4 address>:<port>; not the same listener as ${source.id}_url).`,
            SRT_LISTENER_PATTERN,
          ),
    );
    return new (srtCallerInputGenerator().SrtCallerInput)(this, `${source.id}@srt`, {
      context: this.ctx,
      source,
      plan,
      name: this.inputName(source),
      listenerUrls,
    }).inputId;
  }

  private inputName(source: ResolvedSource): string {
    return `\${var.name_prefix}-${source.id.replace(/_/g, "-")}`;
  }

  private input(source: ResolvedSource, pairs: number[]): MedialiveInput {
    // One feed per channel pipeline: a STANDARD channel takes only standard-class inputs.
    const standard = pairs.length > 1;
    const ctx = this.ctx;
    const config: MedialiveInputConfig = {
      name: this.inputName(source),
      type: source.input_type!,
      tags: ctx.tags,
    };
    switch (source.kind) {
      case "rtmp":
        return new MedialiveInput(this, source.id, {
          ...config,
          inputSecurityGroups: [this.securityGroup(source).id],
          destinations: pairs.map((i) => ({ streamName: i === 0 ? source.stream_name! : `${source.stream_name!}-b` })),
        });
      case "rtp":
        return new MedialiveInput(this, source.id, { ...config, inputSecurityGroups: [this.securityGroup(source).id] });
      case "rtmp_pull":
      case "url_pull":
      case "mp4_file": {
        const scheme = { rtmp_pull: "rtmps?", url_pull: "https?", mp4_file: "(s3ssl|s3|https?)" }[source.kind];
        const url = this.setting(
          source,
          "url",
          source.url,
          `URL MediaLive pulls the '${source.id}' source from (${scheme.replace("?", "")}://...).`,
          `^${scheme}://`,
        );
        const backup = source.backup_url ?? url;
        // The provider requires username and password_param; public pulls have neither.
        return new MedialiveInput(this, source.id, {
          ...config,
          sources: pairs.map((i) => ({ url: i === 0 ? url : backup, username: "", passwordParam: "" })),
        });
      }
      case "elemental_link": {
        // One device makes a single-class input; a STANDARD channel takes only standard-class inputs: one device per pipeline.
        const device = this.setting(
          source,
          "input_device_id",
          source.input_device_id,
          `Id of the AWS Elemental Link device for '${source.id}'${standard ? ", feeding pipeline 0 of the STANDARD channel" : ""} (hd-...).`,
          "^hd-[a-z0-9]+$",
        );
        const devices = [{ id: device }];
        if (standard)
          devices.push({
            id: this.setting(
              source,
              "backup_input_device_id",
              source.backup_input_device_id,
              `Id of the second AWS Elemental Link device for '${source.id}', feeding pipeline 1 of the STANDARD channel (hd-...; not the same device as ${source.id}_input_device_id).`,
              "^hd-[a-z0-9]+$",
            ),
          });
        return new MedialiveInput(this, source.id, { ...config, inputDevices: devices });
      }
      case "mediaconnect": {
        const flows = source.flow_arns
          ? source.flow_arns
          : Token.asList(
              ctx.variables.variable(`${source.id}_flow_arns`, {
                type: "list(string)",
                description: `MediaConnect flow ARNs feeding '${source.id}': ${standard ? "two, one per pipeline of the STANDARD channel" : "one, for the single-pipeline channel"}.`,
                validation: [
                  {
                    condition: `\${length(var.${source.id}_flow_arns) == ${pairs.length}}`,
                    errorMessage: `${source.id}_flow_arns needs ${pairs.length} flow ARN${pairs.length > 1 ? "s, one per pipeline" : ""}: the input's class must match the channel's.`,
                  },
                ],
              }).listValue,
            );
        const it = TerraformIterator.fromList(flows);
        return new MedialiveInput(this, source.id, {
          ...config,
          mediaConnectFlows: source.flow_arns ? flows.map((flowArn) => ({ flowArn })) : it.dynamic({ flow_arn: it.value }),
        });
      }
      default:
        throw new Error(`generator bug: '${source.kind}' is not a MediaLive input this generator supports`);
    }
  }

  /** A per-source string setting as a module variable (defaulting to the definition's value), checked against `pattern`. */
  private setting(source: ResolvedSource, key: string, value: string | undefined, description: string, pattern: string): string {
    const name = `${source.id}_${key}`;
    return this.ctx.variables.variable(name, {
      type: "string",
      description,
      ...(value !== undefined ? { default: value } : {}),
      validation: [{ condition: `\${can(regex(${JSON.stringify(pattern)}, var.${name}))}`, errorMessage: `${name} must match ${pattern}.` }],
    }).stringValue;
  }

  /** Input security group: only the CIDRs the definition lists (or the module caller passes); 0.0.0.0/0 needs the definition's opt-in. */
  private securityGroup(source: ResolvedSource): MedialiveInputSecurityGroup {
    const name = `${source.id}_allowed_cidrs`;
    const validation = [{ condition: CIDR_VALIDATION(name), errorMessage: `${name} must be a list of IPv4 CIDR blocks.` }];
    if (!source.allow_open_ingest)
      validation.push({
        condition: `\${!contains(var.${name}, "0.0.0.0/0")}`,
        errorMessage: `0.0.0.0/0 would open ingest to the whole internet; list your encoder's addresses (the pipeline definition can opt in with allow_open_ingest).`,
      });
    const cidrs = this.ctx.variables.variable(name, {
      type: "list(string)",
      description: `CIDR blocks allowed to push the '${source.id}' stream to MediaLive.`,
      ...(source.allowed_cidrs.length ? { default: source.allowed_cidrs } : {}),
      validation,
    });
    const it = TerraformIterator.fromList(cidrs.listValue);
    return new MedialiveInputSecurityGroup(this, `${source.id}@sg`, {
      whitelistRules: it.dynamic({ cidr: it.value }),
      tags: this.ctx.tags,
    });
  }
}
