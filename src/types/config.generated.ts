/* Generated from schemas/config.schema.json by scripts/generate-types.js (npm run gen:types). Do not edit. */

/**
 * Project settings: where definitions live (definitions_dir), and for the commands that run terraform (plan, apply, deploy, destroy, status, deploy-template, destroy-template) and read applied outputs (convert, archive): blackwell.config.json in the folder they run from, or the file given with --config. Flags win over it.
 */
export interface ProjectConfig {
  $schema?: string;
  /**
   * Folder of your pipeline definitions: create writes there and every command looks ids up there, then in the shipped examples (default pipelines). --dir names one folder instead.
   */
  definitions_dir?: string;
  terraform?: {
    /**
     * Where the working roots live, one per module (default .blackwell/work).
     */
    work_dir?: string;
    /**
     * Tags the aws provider puts on every resource, beside ManagedBy; --tag adds to them.
     */
    default_tags?: {
      [k: string]: string;
    };
    /**
     * Terraform Cloud/Enterprise for deploy-template and destroy-template --remote tfc (runs on its agents, one workspace per module). The --tfc-* and --run-timeout flags win over it; backend.cloud's organization, workspace and hostname are the fallback.
     */
    tfc?: {
      /**
       * Terraform Enterprise host (default app.terraform.io).
       */
      hostname?: string;
      organization?: string;
      /**
       * Project name or id (prj-...) the workspaces are created in or moved to (default: the organization's default project).
       */
      project?: string;
      /**
       * Workspace name with {pipeline} for the module id (default {pipeline}).
       */
      workspace?: string;
      /**
       * Seconds to wait for one run to end before it is recorded as timed out (default 3600); a rerun picks the run up again.
       */
      run_timeout?: number;
    };
    /**
     * Remote state for every working root: exactly one of s3 or cloud. Each module gets its own state through {pipeline} in the key or workspace name.
     */
    backend?: {
      s3?: {
        bucket: string;
        /**
         * State object key with {pipeline} for the module id, so modules never share a state (default blackwell/{pipeline}/terraform.tfstate).
         */
        key?: string;
        /**
         * The bucket's region (default: the pipeline's).
         */
        region?: string;
      };
      cloud?: {
        organization: string;
        /**
         * Workspace name with {pipeline} for the module id (e.g. media-{pipeline}), one workspace per module.
         */
        workspace: string;
        /**
         * Terraform Enterprise host (default app.terraform.io).
         */
        hostname?: string;
      };
    };
  };
}
