/* Generated from schemas/fleet-record.schema.json by scripts/generate-types.js (npm run gen:types). Do not edit. */

/**
 * What deploy-template records about a template's batches (.blackwell/fleet/<template>[.review].json), so a rerun resumes with the creators that did not succeed or whose inputs changed (and, with --remote tfc, the shared module's last run in shared). Written by blackwell; deleting it makes the next run redo every creator (terraform state still says what exists).
 */
export interface FleetRecord {
  /**
   * Result of the last run per creator id.
   */
  creators: {
    [k: string]: CreatorRecord;
  };
  shared?: CreatorRecord;
}
/**
 * This interface was referenced by `FleetRecord`'s JSON-Schema
 * via the `definition` "CreatorRecord".
 */
export interface CreatorRecord {
  /**
   * planned: a remote run planned and waits for confirmation (or was plan-only); timed_out: a remote run had not ended when deploy-template stopped waiting.
   */
  status: "succeeded" | "failed" | "planned" | "timed_out";
  /**
   * When the step ended (ISO 8601).
   */
  at: string;
  /**
   * Why it failed, or where its run is.
   */
  detail?: string;
  /**
   * The Terraform Cloud run a planned or timed-out result waits on; a rerun reads it before queuing another.
   */
  run?: string;
  /**
   * Hash of the creator's module, var file and shared inputs when it succeeded.
   */
  fingerprint?: string;
}
