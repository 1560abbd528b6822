import type { CommandModule } from "yargs";
import { jsonOption, pipelineModuleOptions } from "../pipeline-options";

interface Args {
  pipeline: string;
  version: string;
  namespace: string;
  provider: string;
  dir?: string;
  config?: string;
  modules: string;
  registry?: string;
  "gitlab-url"?: string;
  "gitlab-project"?: string;
  folder?: string;
  "license-file"?: string;
  "out-dir": string;
  json: boolean;
}

export const publishCommand: CommandModule<object, Args> = {
  command: "publish <pipeline>",
  describe: "Package a pipeline's module as a versioned tarball and publish it to a private registry or folder",
  builder: (y) =>
    // `--version` here is the module's version, not the tool's.
    jsonOption(pipelineModuleOptions(y.version(false), "Pipeline id, or a template's shared module (e.g. creator-channel-shared)"))
      .option("version", { type: "string", demandOption: true, describe: "Semantic version, e.g. 1.2.0" })
      .option("namespace", { type: "string", default: "blackwell", describe: "Registry namespace (organization)" })
      .option("provider", { type: "string", default: "aws", describe: "Provider part of the registry address (namespace/name/provider)" })
      .option("registry", {
        type: "string",
        describe: "Terraform Cloud / Enterprise address, e.g. https://app.terraform.io (token: TF_TOKEN_<host> or terraform login)",
      })
      .option("gitlab-url", { type: "string", describe: "GitLab address (token: GITLAB_TOKEN)" })
      .option("gitlab-project", { type: "string", describe: "GitLab project id or path" })
      .option("folder", { type: "string", describe: "Publish into a folder layout for static hosting (or a synced bucket)" })
      .option("license-file", { type: "string", describe: "LICENSE to include in the package" })
      .option("out-dir", { type: "string", default: "dist-modules", describe: "Where the tarball is written" })
      .example("$0 media publish studio_live_feed --version 1.2.0 --namespace acme --registry https://app.terraform.io", "Terraform Cloud private registry")
      .example("$0 media publish studio_live_feed --version 1.2.0 --gitlab-url https://gitlab.example.com --gitlab-project 42", "GitLab module registry")
      .example("$0 media publish studio_live_feed --version 1.2.0 --folder ./registry", "Static folder layout"),
  handler: async (args) => {
    const path = await import("node:path");
    const { findModule } = await import("../../core/definitions");
    const { UserError } = await import("../../core/problems");
    const { packModule, registryName } = await import("../../publish/package");
    const { publishToFolder, publishToGitLab, publishToTerraformCloud, terraformToken } = await import("../../publish/registries");
    const { printJson } = await import("../output");
    const { moduleId } = findModule(args.pipeline, await (await import("../definition-dirs")).lookupDirs(args.pipeline, args));
    const coordinates = { namespace: args.namespace, name: registryName(moduleId), provider: args.provider, version: args.version };
    const targets = [args.registry, args["gitlab-url"], args.folder].filter(Boolean).length;
    if (targets !== 1) throw new UserError("choose one target: --registry, --gitlab-url (with --gitlab-project) or --folder");
    const tarball = await packModule(path.join(args.modules, moduleId), coordinates, args["out-dir"], args["license-file"]);
    const result = args.folder
      ? publishToFolder(tarball, coordinates, args.folder)
      : args.registry
        ? await publishToTerraformCloud(tarball, coordinates, args.registry, terraformToken(new URL(args.registry).host))
        : await (async () => {
            if (!args["gitlab-project"]) throw new UserError("--gitlab-url needs --gitlab-project");
            return publishToGitLab(tarball, coordinates, args["gitlab-url"]!, args["gitlab-project"], process.env.GITLAB_TOKEN ?? process.env.CI_JOB_TOKEN);
          })();
    if (args.json) printJson({ tarball, ...coordinates, ...result });
    else
      process.stdout.write(
        `packaged ${tarball}\npublished ${coordinates.namespace}/${coordinates.name}/${coordinates.provider} ${coordinates.version} to ${result.location}\n`,
      );
  },
};
