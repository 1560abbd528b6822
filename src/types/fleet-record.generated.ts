/* Generated from schemas/fleet-record.schema.json by scripts/generate-types.js (npm run gen:types). Do not edit. */

/**
 * What deploy-template records about a template's batches (.blackwell/fleet/<template>[.review].json), so a rerun resumes with the creators that did not succeed or whose inputs changed. Written by blackwell; deleting it makes the next run redo every creator (terraform state still says what exists).
 */
export interface FleetRecord {
  /**
   * Result of the last run per creator id.
   */
  creators: {
    [k: string]: CreatorRecord;
  };
}
/**
 * This interface was referenced by `FleetRecord`'s JSON-Schema
 * via the `definition` "CreatorRecord".
 */
export interface CreatorRecord {
  status: "succeeded" | "failed";
  /**
   * When the step ended (ISO 8601).
   */
  at: string;
  /**
   * Why it failed.
   */
  detail?: string;
  /**
   * Hash of the creator's module, var file and shared inputs when it succeeded.
   */
  fingerprint?: string;
}
