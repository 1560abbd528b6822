/**
 * Captions (issue 19): embedded CEA-608 channels of the live source become WebVTT renditions of the HLS
 * MediaLive sends MediaPackage (or are burned in); the channel's caption selectors and descriptions are
 * checked against the MediaLive API model like the rest of the channel.
 */
import { checkPipelineDocument } from "../../src/core/definitions";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { renderPipelineModule } from "../../src/synth/module-render";
import { moduleFromContents } from "../../src/validity/module-files";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { checkMediaLiveResources } from "../../src/validity/medialive-check";
import { estimate } from "../../src/cost/estimate";
import { inventoryOfPipeline } from "../../src/cost/inventory";
import { inventoriesOfPlan } from "../../src/cost/plan-inventory";
import { loadPriceTable } from "../../src/cost/prices";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";

const live = {
  pipeline_id: "captioned_show",
  pipeline_type: "live_stream",
  sources: ["rtmp"],
  transcode_profiles: ["720p", "480p"],
  outputs: ["cloudfront", "s3_archive"],
  region: "us-east-1",
  tier: "development",
};
const TWO = [
  { channel: 1, language_code: "eng", name: "English" },
  { channel: 3, language_code: "spa" },
];
const withCaptions = (captions: unknown, over: Record<string, unknown> = {}) => ({ ...live, ...over, captions });
const errors = (doc: unknown) =>
  checkPipelineDocument(doc, "show.json")
    .filter((p) => p.severity === "error")
    .map((p) => `${p.path} ${p.rule}`);
const channelOf = (doc: unknown) => {
  const files = renderPipelineModule(resolvePipeline(doc as PipelineDefinition, loadCatalog())).files;
  return { files, channel: JSON.parse(files.get("medialive.tf.json")!).resource.aws_medialive_channel.main };
};

test("valid sections pass; impossible ones are refused at their JSON path", () => {
  expect(checkPipelineDocument(withCaptions({ languages: TWO }), "show.json")).toEqual([]);
  expect(errors(withCaptions({ languages: [TWO[0], { channel: 1, language_code: "fra" }] }))).toEqual(["$.captions.languages[1].channel BMF-CAPTIONS"]);
  expect(errors(withCaptions({ languages: TWO, mode: "burn_in" }))).toEqual(["$.captions.mode BMF-CAPTIONS"]);
  expect(errors(withCaptions({ languages: TWO }, { outputs: ["youtube"] }))).toEqual(["$.captions BMF-CAPTIONS"]);
  expect(errors(withCaptions({ languages: [{ channel: 5, language_code: "eng" }] }))).toEqual(["$.captions.languages[0].channel schema"]);
});

describe("webvtt (default)", () => {
  const { files, channel } = channelOf(withCaptions({ languages: TWO }));

  test("a caption selector per 608 channel on the input, a WebVTT description and output per language in the MediaPackage group only", () => {
    expect(channel.input_attachments[0].input_settings.caption_selector).toEqual([
      {
        name: "cc1",
        language_code: "eng",
        selector_settings: { embedded_source_settings: { source_608_channel_number: 1, convert_608_to_708: "DISABLED", scte20_detection: "OFF" } },
      },
      {
        name: "cc3",
        language_code: "spa",
        selector_settings: { embedded_source_settings: { source_608_channel_number: 3, convert_608_to_708: "DISABLED", scte20_detection: "OFF" } },
      },
    ]);
    expect(channel.encoder_settings.caption_descriptions).toEqual([
      expect.objectContaining({
        name: "captions_webvtt_cc1",
        caption_selector_name: "cc1",
        language_code: "eng",
        language_description: "English",
        destination_settings: { webvtt_destination_settings: { style_control: "NO_STYLE_DATA" } },
      }),
      expect.objectContaining({ name: "captions_webvtt_cc3", caption_selector_name: "cc3", language_description: "spa" }),
    ]);
    const groups = Object.fromEntries(channel.encoder_settings.output_groups.map((g: { name: string; outputs: unknown[] }) => [g.name, g.outputs]));
    const captionOutputs = (name: string) => groups[name].filter((o: { caption_description_names?: string[] }) => o.caption_description_names);
    expect(
      captionOutputs("mediapackage").map((o: { output_name: string; caption_description_names: string[] }) => [o.output_name, o.caption_description_names]),
    ).toEqual([
      ["mediapackage_captions_cc1", ["captions_webvtt_cc1"]],
      ["mediapackage_captions_cc3", ["captions_webvtt_cc3"]],
    ]);
    expect(captionOutputs("archive")).toEqual([]);
  });

  test("the channel passes the MediaLive API model and every validity rule", () => {
    expect(checkMediaLiveResources(JSON.parse(files.get("medialive.tf.json")!), "medialive.tf.json")).toEqual([]);
    expect(formatFindings(checkModuleFiles(moduleFromContents(files)).findings)).toBe("");
  });

  test("NEGATIVE: the API model check reaches the caption fields", () => {
    const doc = JSON.parse(files.get("medialive.tf.json")!);
    const ch = doc.resource.aws_medialive_channel.main;
    ch.encoder_settings.caption_descriptions[0].destination_settings.webvtt_destination_settings.style_control = "FANCY";
    ch.input_attachments[0].input_settings.caption_selector[0].selector_settings.embedded_source_settings.source_608_channel_number = 9;
    const messages = checkMediaLiveResources(doc, "medialive.tf.json").map((f) => `${f.path}: ${f.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/style_control: "FANCY" is not a WebvttDestinationStyleControl/),
      expect.stringMatching(/source_608_channel_number: 9 is above the maximum 4/),
    ]);
  });

  test("cost: the WebVTT renditions are counted apart from priced outputs, the same from the plan and from a terraform plan", () => {
    const inv = inventoryOfPipeline(resolvePipeline(withCaptions({ languages: TWO }) as PipelineDefinition, loadCatalog()));
    expect(inv.captionOutputs).toBe(2);
    const without = inventoryOfPipeline(resolvePipeline(live as PipelineDefinition, loadCatalog()));
    expect(inv.channelOutputs).toEqual(without.channelOutputs);
    const planned = {
      planned_values: { root_module: { resources: [{ mode: "managed", type: "aws_medialive_channel", name: "main", values: channel }] } },
    };
    const fromPlan = inventoriesOfPlan(planned)[0];
    expect(fromPlan.captionOutputs).toBe(2);
    expect(fromPlan.channelOutputs).toHaveLength(without.channelOutputs!.length);
    const usage = {
      liveHoursPerMonth: 10,
      viewers: 10,
      watchMinutesPerViewer: 10,
      watchedBitrateKbps: 2000,
      vodMinutesPerMonth: 0,
      vodViewsPerMonth: 0,
      freeTier: false,
    };
    expect(estimate(inv, usage, loadPriceTable()).assumptions).toEqual(
      expect.arrayContaining([expect.stringMatching(/2 WebVTT rendition outputs not priced/)]),
    );
  });
});

test("burn_in: one description per video output of the MediaPackage group, referenced by that output; no WebVTT outputs", () => {
  const { files, channel } = channelOf(withCaptions({ languages: [TWO[0]], mode: "burn_in" }));
  const descriptions = channel.encoder_settings.caption_descriptions;
  expect(descriptions.map((d: { name: string }) => d.name)).toEqual(["captions_burnin_cc1_720p", "captions_burnin_cc1_480p"]);
  expect(descriptions[0].destination_settings.burn_in_destination_settings).toMatchObject({ outline_color: "BLACK", teletext_grid_control: "SCALED" });
  const mp = channel.encoder_settings.output_groups.find((g: { name: string }) => g.name === "mediapackage");
  expect(mp.outputs.map((o: { caption_description_names?: string[] }) => o.caption_description_names)).toEqual([
    ["captions_burnin_cc1_720p"],
    ["captions_burnin_cc1_480p"],
  ]);
  expect(formatFindings(checkModuleFiles(moduleFromContents(files)).findings)).toBe("");
});

describe("sidecar captions on the MediaConvert (VOD) path", () => {
  const vod = {
    pipeline_id: "lecture_library",
    pipeline_type: "vod_processing",
    sources: ["s3"],
    transcode_profiles: ["720p"],
    outputs: ["cloudfront"],
    region: "us-east-1",
    tier: "development",
    vod: { sidecar_captions: { format: "srt", language_code: "eng", name: "English" } },
  };

  test("the definition is valid", () => {
    expect(checkPipelineDocument(vod, "lectures.json")).toEqual([]);
  });

  const files = renderPipelineModule(resolvePipeline(vod as PipelineDefinition, loadCatalog())).files;
  const mediaconvert = JSON.parse(files.get("mediaconvert.tf.json")!);
  const settings = mediaconvert.locals.job_settings;

  test("the job template reads one SRT caption selector and writes a WebVTT captions output in every streaming group", () => {
    expect(settings.Inputs[0].CaptionSelectors).toEqual({ "Captions Selector 1": { SourceSettings: { SourceType: "SRT", FileSourceSettings: {} } } });
    for (const g of settings.OutputGroups.filter((g: { Name: string }) => g.Name !== "Thumbnails")) {
      const captions = g.Outputs.filter((o: { CaptionDescriptions?: unknown }) => o.CaptionDescriptions);
      expect({ group: g.Name, captions }).toEqual({
        group: g.Name,
        captions: [
          expect.objectContaining({
            NameModifier: "_captions",
            CaptionDescriptions: [
              {
                CaptionSelectorName: "Captions Selector 1",
                LanguageCode: "ENG",
                LanguageDescription: "English",
                DestinationSettings: { DestinationType: "WEBVTT", WebvttDestinationSettings: { StylePassthrough: "DISABLED" } },
              },
            ],
          }),
        ],
      });
    }
  });

  test("each job reads the sidecar at captions/<upload key>.srt, outside the watched prefix, and the MediaConvert role may read it", () => {
    const text = files.get("watch_folder.tf.json")!;
    expect(text).toContain("States.Format('s3://{}/captions/{}.srt', $.detail.bucket.name, $.detail.object.key)");
    const role = mediaconvert.data.aws_iam_policy_document.mediaconvert_permissions.statement.find((s: { sid: string }) => s.sid === "ReadSidecarCaptions");
    expect(role.resources[0]).toMatch(/\/captions\/\*$/);
  });

  test("the module passes every validity rule, the MediaConvert API model included", () => {
    expect(formatFindings(checkModuleFiles(moduleFromContents(files)).findings)).toBe("");
  });

  test("NEGATIVE: a caption language MediaConvert does not know is caught by the API model check", () => {
    const bad = renderPipelineModule(
      resolvePipeline({ ...vod, vod: { sidecar_captions: { format: "scc", language_code: "qqq" } } } as PipelineDefinition, loadCatalog()),
    ).files;
    expect(formatFindings(checkModuleFiles(moduleFromContents(bad)).findings)).toMatch(/LanguageCode|QQQ/);
  });
});
