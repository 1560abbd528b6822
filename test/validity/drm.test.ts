/**
 * DRM (issue 19): the definition's drm section is checked against what MediaPackage v2 can encrypt
 * (JSON paths of impossible combinations), mapped to SPEKE v2 encryption on each origin endpoint, and
 * the endpoints it produces pass the CloudFormation schema of AWS::MediaPackageV2::OriginEndpoint.
 */
import { checkPipelineDocument } from "../../src/core/definitions";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { planPipeline } from "../../src/plans/pipeline-plan";
import { renderPipelineModule } from "../../src/synth/module-render";
import { moduleFromContents } from "../../src/validity/module-files";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { CfnSpec, checkAgainstCfn } from "../../src/validity/cfn-spec";
import type { PipelineDefinition } from "../../src/types/pipeline.generated";
import { estimate } from "../../src/cost/estimate";
import { inventoryOfPipeline } from "../../src/cost/inventory";
import { inventoriesOfPlan } from "../../src/cost/plan-inventory";
import { loadPriceTable } from "../../src/cost/prices";

const SPEKE = {
  key_server_url: "https://speke.example.com/v2/keys",
  role_arn: "arn:aws:iam::111122223333:role/speke-access",
};
const LICENSES = {
  widevine: "https://license.example.com/widevine",
  playready: "https://license.example.com/playready",
  fairplay: "https://license.example.com/fairplay",
  fairplay_certificate: "https://license.example.com/fairplay.cer",
};
const live = {
  pipeline_id: "drm_show",
  pipeline_type: "live_stream",
  sources: ["rtmp"],
  transcode_profiles: ["720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier: "development",
};
const withDrm = (drm: unknown, over: Record<string, unknown> = {}) => ({ ...live, ...over, drm });
const problems = (doc: unknown, severity: "error" | "warning" = "error") =>
  checkPipelineDocument(doc, "show.json")
    .filter((p) => p.severity === severity)
    .map((p) => `${p.path} ${p.rule}`);
const FULL = {
  ...SPEKE,
  systems: { hls: ["clear_key_aes_128"], dash: ["widevine", "playready"], cmaf: ["fairplay", "widevine", "playready"] },
  license_urls: LICENSES,
};

test("a full drm section is valid: clear key on TS HLS, Widevine+PlayReady on DASH, all three on CMAF", () => {
  expect(checkPipelineDocument(withDrm(FULL), "show.json")).toEqual([]);
});

test("impossible combinations are refused with the JSON path of the value at fault", () => {
  expect(problems(withDrm({ ...SPEKE, systems: { dash: ["widevine", "fairplay"] }, license_urls: LICENSES }))).toEqual(["$.drm.systems.dash[1] BMF-DRM"]);
  expect(problems(withDrm({ ...SPEKE, systems: { hls: ["playready"] }, license_urls: LICENSES }))).toEqual(["$.drm.systems.hls[0] BMF-DRM"]);
  expect(problems(withDrm({ ...SPEKE, systems: { cmaf: ["clear_key_aes_128"] } }))).toEqual(["$.drm.systems.cmaf[0] BMF-DRM"]);
  expect(problems(withDrm({ ...SPEKE, systems: { hls: ["clear_key_aes_128", "fairplay"] }, license_urls: LICENSES }))).toEqual(["$.drm.systems.hls BMF-DRM"]);
  expect(problems(withDrm({ ...SPEKE, systems: { dash: ["widevine"] } }, { packaging: ["hls"] }))).toEqual(["$.drm.systems.dash BMF-DRM"]);
  expect(problems(withDrm({ ...SPEKE, systems: { hls: ["clear_key_aes_128"] } }, { outputs: ["youtube"] }))).toEqual(["$.drm BMF-DRM"]);
});

test("the messages say why, not just no", () => {
  const messages = checkPipelineDocument(withDrm({ ...SPEKE, systems: { dash: ["fairplay"], hls: ["widevine"] } }), "show.json").map((p) => p.message);
  expect(messages).toEqual(
    expect.arrayContaining([expect.stringMatching(/fairplay cannot protect the dash format: .*FairPlay is HLS-only/), expect.stringMatching(/TS segments/)]),
  );
});

test("a licensed system without a license URL is a warning (the snippet could not play it); clear key needs none", () => {
  expect(problems(withDrm({ ...SPEKE, systems: { hls: ["clear_key_aes_128"] } }), "warning")).toEqual([]);
  expect(problems(withDrm({ ...SPEKE, systems: { cmaf: ["fairplay"] }, license_urls: { fairplay: LICENSES.fairplay } }), "warning")).toEqual([
    "$.drm.license_urls BMF-DRM",
  ]);
});

test("schema: the key server must be https and the role an IAM role ARN", () => {
  const bad = checkPipelineDocument(withDrm({ ...FULL, key_server_url: "http://speke.example.com", role_arn: "arn:aws:iam::1:user/x" }), "show.json");
  expect(bad.map((p) => p.path).sort()).toEqual(["$.drm.key_server_url", "$.drm.role_arn"]);
});

test("the plan maps each protected format to its MediaPackage v2 method and DRM system ids; unprotected formats stay clear", () => {
  const plan = planPipeline(
    resolvePipeline(withDrm({ ...SPEKE, key_rotation_interval_seconds: 600, systems: FULL.systems }) as PipelineDefinition, loadCatalog()),
  );
  const byFormat = Object.fromEntries(plan.packaging!.endpoints.map((e) => [e.format, e.encryption]));
  expect(byFormat.hls).toEqual({
    encryptionMethod: { tsEncryptionMethod: "AES_128" },
    keyRotationIntervalSeconds: 600,
    spekeKeyProvider: {
      drmSystems: ["CLEAR_KEY_AES_128"],
      resourceId: "drm_show",
      roleArn: SPEKE.role_arn,
      url: SPEKE.key_server_url,
      encryptionContractConfiguration: { presetSpeke20Audio: "SHARED", presetSpeke20Video: "SHARED" },
    },
  });
  expect(byFormat.dash!.encryptionMethod).toEqual({ cmafEncryptionMethod: "CENC" });
  expect(byFormat.dash!.spekeKeyProvider.drmSystems).toEqual(["WIDEVINE", "PLAYREADY"]);
  expect(byFormat.cmaf!.encryptionMethod).toEqual({ cmafEncryptionMethod: "CBCS" });
  expect(byFormat.cmaf!.spekeKeyProvider.encryptionContractConfiguration).toEqual({
    presetSpeke20Audio: "PRESET_AUDIO_1",
    presetSpeke20Video: "PRESET_VIDEO_1",
  });
  const fairplayTs = planPipeline(resolvePipeline(withDrm({ ...SPEKE, systems: { hls: ["fairplay"] } }) as PipelineDefinition, loadCatalog()));
  const endpoints = Object.fromEntries(fairplayTs.packaging!.endpoints.map((e) => [e.format, e.encryption]));
  expect(endpoints.hls!.encryptionMethod).toEqual({ tsEncryptionMethod: "SAMPLE_AES" });
  expect(endpoints.dash).toBeUndefined();
  expect(endpoints.cmaf).toBeUndefined();
});

describe("the generated origin endpoints", () => {
  const files = renderPipelineModule(resolvePipeline(withDrm(FULL) as PipelineDefinition, loadCatalog())).files;
  const mediapackage = JSON.parse(files.get("mediapackage.tf.json")!);
  const endpoints = mediapackage.resource.awscc_mediapackagev2_origin_endpoint;

  test("carry segment.encryption in awscc's snake_case, with the key server and role from the definition", () => {
    expect(endpoints.hls.segment.encryption).toEqual({
      encryption_method: { ts_encryption_method: "AES_128" },
      speke_key_provider: {
        drm_systems: ["CLEAR_KEY_AES_128"],
        resource_id: "drm_show",
        role_arn: SPEKE.role_arn,
        url: SPEKE.key_server_url,
        encryption_contract_configuration: { preset_speke_20_audio: "SHARED", preset_speke_20_video: "SHARED" },
      },
    });
    expect(endpoints.dash.segment.encryption.encryption_method).toEqual({ cmaf_encryption_method: "CENC" });
    expect(endpoints.cmaf.segment.encryption.speke_key_provider.drm_systems).toEqual(["FAIRPLAY", "WIDEVINE", "PLAYREADY"]);
  });

  test("pass every validity rule, including the CloudFormation schema of AWS::MediaPackageV2::OriginEndpoint", () => {
    expect(formatFindings(checkModuleFiles(moduleFromContents(files)).findings)).toBe("");
  });

  test("NEGATIVE: the schema check reaches into segment.encryption (bad method, missing key provider)", () => {
    const broken = JSON.parse(JSON.stringify(mediapackage));
    const enc = broken.resource.awscc_mediapackagev2_origin_endpoint.dash.segment.encryption;
    enc.encryption_method.cmaf_encryption_method = "AES_128";
    delete broken.resource.awscc_mediapackagev2_origin_endpoint.hls.segment.encryption.speke_key_provider;
    const messages = checkAgainstCfn(CfnSpec.load(), broken, "mediapackage.tf.json").map((f) => `${f.path}: ${f.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/dash\.segment\.encryption\.encryption_method\.cmaf_encryption_method: "AES_128" is not allowed .*CENC, CBCS/),
      expect.stringMatching(/hls\.segment\.encryption: .*requires speke_key_provider/),
    ]);
  });
});

describe("the cost estimate", () => {
  const usage = {
    liveHoursPerMonth: 20,
    viewers: 100,
    watchMinutesPerViewer: 30,
    watchedBitrateKbps: 3000,
    vodMinutesPerMonth: 0,
    vodViewsPerMonth: 0,
    freeTier: false,
  };
  const resolved = (drm?: unknown) => resolvePipeline((drm ? withDrm(drm) : live) as PipelineDefinition, loadCatalog());

  test("says SPEKE encryption is not a MediaPackage charge, naming the encrypted endpoints; no line without DRM", () => {
    const withLine = estimate(
      inventoryOfPipeline(resolved({ ...SPEKE, systems: { hls: ["clear_key_aes_128"], dash: ["widevine"] } })),
      usage,
      loadPriceTable(),
    );
    const drmLines = withLine.lines.filter((l) => /DRM/.test(l.item));
    expect(drmLines).toEqual([
      expect.objectContaining({ service: "MediaPackage", item: expect.stringMatching(/dash, hls endpoints\): no MediaPackage charge/), usd: 0 }),
    ]);
    expect(withLine.assumptions).toEqual(expect.arrayContaining([expect.stringMatching(/DRM provider's .* fees .* not included/)]));
    const without = estimate(inventoryOfPipeline(resolved()), usage, loadPriceTable());
    expect(without.lines.filter((l) => /DRM/.test(l.item))).toEqual([]);
    expect(without.monthlyUsd).toBeCloseTo(withLine.monthlyUsd, 6);
  });

  test("a terraform plan's encrypted endpoints give the same inventory field as the plan layer", () => {
    const planned = {
      planned_values: {
        root_module: {
          child_modules: [
            {
              address: "module.drm_show",
              resources: [
                { mode: "managed", type: "aws_cloudfront_distribution", name: "cdn", values: {} },
                {
                  mode: "managed",
                  type: "awscc_mediapackagev2_origin_endpoint",
                  name: "hls",
                  values: { origin_endpoint_name: "hls", segment: { encryption: { encryption_method: {} } } },
                },
                {
                  mode: "managed",
                  type: "awscc_mediapackagev2_origin_endpoint",
                  name: "cmaf",
                  values: { origin_endpoint_name: "cmaf", segment: { segment_duration_seconds: 6 } },
                },
              ],
            },
          ],
        },
      },
    };
    expect(inventoriesOfPlan(planned)[0].drmEndpoints).toEqual(["hls"]);
    expect(inventoryOfPipeline(resolved({ ...SPEKE, systems: { hls: ["clear_key_aes_128"] } })).drmEndpoints).toEqual(["hls"]);
  });
});
