/**
 * `blackwell` entry point. Only yargs and the light command definitions load at start-up; each
 * handler imports what it needs, so `blackwell media --help` never loads provider bindings.
 */
import yargs, { type CommandModule } from "yargs";
import { hideBin } from "yargs/helpers";
import { mediaCommands } from "./commands";
import { topLevelCostCommand } from "./commands/cost";
import { reportFailure } from "./failure";
import { wantsJson, writeJsonError } from "./failure-json";
import { commandGroup, unknownCommandMessage } from "./command-path";

export async function main(argv: string[] = hideBin(process.argv)): Promise<void> {
  const json = wantsJson(argv);
  const usageError = (msg: string) => {
    if (json) writeJsonError({ kind: "usage", message: msg, exit_code: 1 });
    else process.stderr.write(`error: ${msg}\nRun with --help for usage.\n`);
    process.exit(1);
  };
  const mediaGroup: CommandModule = {
    command: "media",
    describe: "AWS media pipelines: validate, synthesize, cost, embed, plan and apply",
    builder: (y) =>
      y
        .usage("$0 media <command> [options]")
        .command(mediaCommands)
        .demandCommand(1, "Name a media command; see blackwell media --help.")
        .example("$0 media validate examples/", "Check every definition in a folder")
        .example("$0 media synth examples/ --out modules/", "Write one Terraform module per pipeline")
        .example("$0 media cost estimate --pipeline studio_live_feed --hours 10", "Estimate what ten live hours cost"),
    handler: () => {},
  };
  // One list feeds both yargs and the unknown-command check, so a new top-level command cannot be refused as unknown.
  const topLevel: CommandModule[] = [mediaGroup, topLevelCostCommand];
  const unknown = unknownCommandMessage(argv, commandGroup("blackwell", [...topLevel, { command: "completion", describe: "", handler: () => {} }]));
  if (unknown) return usageError(unknown);
  const parser = yargs(argv)
    .scriptName("blackwell")
    .usage("$0 <command>\n\nBlackwell Media Factory: media-pipeline definitions in, reviewable Terraform modules out.")
    .command(topLevel)
    .completion("completion", "Print a shell completion script (bash/zsh): blackwell completion >> ~/.bashrc")
    .demandCommand(1, "Name a command; see blackwell --help.")
    .recommendCommands()
    .strict()
    .help()
    .alias("h", "help")
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      usageError(msg);
    });
  try {
    await parser.parseAsync();
  } catch (err) {
    process.exitCode = reportFailure(err, { json });
  }
}
