/* Generated from schemas/template.schema.json by scripts/generate-types.js (npm run gen:types). Do not edit. */

/**
 * Appended to template_id to form the pipeline_id (template_id-creator, at most 28 characters).
 *
 * This interface was referenced by `PipelineTemplate`'s JSON-Schema
 * via the `definition` "CreatorId".
 */
export type CreatorId = string;

/**
 * A reusable pipeline shape (the seed's creator-channel) applied to a list of creators: one pipeline per creator.
 */
export interface PipelineTemplate {
  $schema?: string;
  template_id: string;
  description?: string;
  /**
   * Every pipeline field except pipeline_id; each creator's pipeline is these defaults merged with its overrides, then validated against pipeline.schema.json.
   */
  defaults: {};
  shared?: {
    /**
     * Creators share one MediaPackage v2 channel group (default true).
     */
    channel_group?: boolean;
  };
  /**
   * @minItems 1
   * @maxItems 500
   */
  creators: (
    | CreatorId
    | {
        id: CreatorId;
        title?: string;
        overrides?: {};
      }
  )[];
}
