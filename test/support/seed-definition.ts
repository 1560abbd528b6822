/** The product concept's example pipeline (the seed's `studio_live_feed`): the valid definition bad-input tests start from. */
export const SEED_DEFINITION = {
  pipeline_id: "studio_live_feed",
  pipeline_type: "live_stream",
  sources: ["elemental_link"],
  transcode_profiles: ["1080p", "720p", "480p"],
  outputs: ["cloudfront", "youtube", "s3_archive"],
  region: "us-east-1",
  tier: "development",
};
