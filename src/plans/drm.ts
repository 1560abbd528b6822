/**
 * DRM plan: the SPEKE v2 encryption of each MediaPackage v2 origin endpoint the definition protects,
 * in the shape of CloudFormation's AWS::MediaPackageV2::OriginEndpoint Segment.Encryption (camelCase;
 * the awscc construct writes it snake_case). The semantic rule BMF-DRM has already refused systems a
 * format cannot carry, so this only maps.
 */
import type { DrmFormat, DrmSystem } from "../core/drm-rules";
import type { ResolvedDrm } from "../types/resolved-pipeline.generated";

export interface EndpointEncryptionPlan {
  encryptionMethod: { tsEncryptionMethod?: "AES_128" | "SAMPLE_AES"; cmafEncryptionMethod?: "CENC" | "CBCS" };
  keyRotationIntervalSeconds?: number;
  spekeKeyProvider: {
    /** MediaPackage v2 API DrmSystem values. */
    drmSystems: Array<"CLEAR_KEY_AES_128" | "FAIRPLAY" | "WIDEVINE" | "PLAYREADY">;
    resourceId: string;
    roleArn: string;
    url: string;
    certificateArn?: string;
    encryptionContractConfiguration: { presetSpeke20Audio: "SHARED" | "PRESET_AUDIO_1"; presetSpeke20Video: "SHARED" | "PRESET_VIDEO_1" };
  };
}

const API_NAME: Record<DrmSystem, EndpointEncryptionPlan["spekeKeyProvider"]["drmSystems"][number]> = {
  clear_key_aes_128: "CLEAR_KEY_AES_128",
  fairplay: "FAIRPLAY",
  widevine: "WIDEVINE",
  playready: "PLAYREADY",
};

/**
 * Method per format: TS takes AES-128 (clear key) or SAMPLE-AES (FairPlay); DASH uses cenc, which every
 * Widevine and PlayReady DASH player decrypts; HLS over CMAF uses cbcs, the one scheme FairPlay,
 * Widevine and PlayReady share. TS endpoints use one key for audio and video (SHARED presets, as muxed
 * TS needs); CMAF endpoints get separate audio and video keys (PRESET_*_1, SPEKE v2's point).
 */
export function endpointEncryption(format: DrmFormat, drm: ResolvedDrm | undefined): EndpointEncryptionPlan | undefined {
  const systems = drm?.systems[format];
  if (!drm || !systems?.length) return undefined;
  const ts = format === "hls";
  return {
    encryptionMethod: ts
      ? { tsEncryptionMethod: systems.includes("fairplay") ? "SAMPLE_AES" : "AES_128" }
      : { cmafEncryptionMethod: format === "dash" ? "CENC" : "CBCS" },
    ...(drm.key_rotation_interval_seconds !== undefined ? { keyRotationIntervalSeconds: drm.key_rotation_interval_seconds } : {}),
    spekeKeyProvider: {
      drmSystems: systems.map((s) => API_NAME[s]),
      resourceId: drm.resource_id,
      roleArn: drm.role_arn,
      url: drm.key_server_url,
      ...(drm.certificate_arn ? { certificateArn: drm.certificate_arn } : {}),
      encryptionContractConfiguration: ts
        ? { presetSpeke20Audio: "SHARED", presetSpeke20Video: "SHARED" }
        : { presetSpeke20Audio: "PRESET_AUDIO_1", presetSpeke20Video: "PRESET_VIDEO_1" },
    },
  };
}
