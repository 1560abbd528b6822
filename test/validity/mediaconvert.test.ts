/**
 * MediaConvert job settings written literally in settings_json (as opposed to jsonencode(local.job_settings),
 * covered in spec-checks) are parsed and held to the MediaConvert API model with exact member names.
 */
import { mediaconvertModel } from "../../src/validity/api-model";
import { checkMediaConvertSettings } from "../../src/validity/medialive-check";

const settings = () => ({
  TimecodeConfig: { Source: "ZEROBASED" },
  Inputs: [{ AudioSelectors: { "Audio Selector 1": { DefaultSelection: "DEFAULT" } }, VideoSelector: {}, TimecodeSource: "ZEROBASED" }],
  OutputGroups: [
    {
      Name: "HLS",
      OutputGroupSettings: {
        Type: "HLS_GROUP_SETTINGS",
        HlsGroupSettings: { SegmentLength: 6, MinSegmentLength: 0, Destination: "s3://${aws_s3_bucket.vod.bucket}/out/" },
      },
      Outputs: [
        {
          NameModifier: "_720p",
          ContainerSettings: { Container: "M3U8", M3u8Settings: {} },
          VideoDescription: {
            Width: 1280,
            Height: 720,
            CodecSettings: { Codec: "H_264", H264Settings: { RateControlMode: "QVBR", MaxBitrate: 5000000, QvbrSettings: { QvbrQualityLevel: 7 } } },
          },
          AudioDescriptions: [{ CodecSettings: { Codec: "AAC", AacSettings: { Bitrate: 96000, CodingMode: "CODING_MODE_2_0", SampleRate: 48000 } } }],
        },
      ],
    },
  ],
});
const moduleWith = (settingsJson: string) => ({ resource: { awscc_mediaconvert_job_template: { vod: { name: "vod", settings_json: settingsJson } } } });
const check = (settingsJson: string) =>
  checkMediaConvertSettings(moduleWith(settingsJson), "mediaconvert.tf.json", mediaconvertModel()).map((f) => `${f.rule} ${f.path}: ${f.message}`);

test("valid literal settings pass", () => {
  expect(check(JSON.stringify(settings()))).toEqual([]);
});

test("NEGATIVE: a bad enum, an out-of-range value and a snake_case name fail (the MediaConvert model declares no required members)", () => {
  const s = settings();
  const output = s.OutputGroups[0].Outputs[0];
  (output.VideoDescription.CodecSettings as Record<string, unknown>).Codec = "H_266";
  output.VideoDescription.CodecSettings.H264Settings.QvbrSettings.QvbrQualityLevel = 0;
  (output as Record<string, unknown>).name_modifier = "_720p";
  expect(check(JSON.stringify(s))).toEqual([
    expect.stringMatching(
      /^MEDIACONVERT-API-MODEL resource\.awscc_mediaconvert_job_template\.vod\.settings_json\.OutputGroups\[0\]\.Outputs\[0\]\.VideoDescription\.CodecSettings\.Codec: "H_266" is not a VideoCodec; the MediaConvert API allows .*H_264/,
    ),
    expect.stringMatching(/QvbrSettings\.QvbrQualityLevel: 0 is below the minimum 1 of/),
    expect.stringMatching(/Outputs\[0\]\.name_modifier: 'name_modifier' is not a member of Output in the MediaConvert API \(did you mean NameModifier\?\)$/),
  ]);
});

test("settings_json that is not JSON fails; an expression other than jsonencode(local.x) is left to terraform", () => {
  expect(check('{"OutputGroups": [')).toEqual([expect.stringMatching(/settings_json: settings_json is not JSON/)]);
  expect(check('${file("settings.json")}')).toEqual([]);
});
