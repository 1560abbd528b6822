import type { CommandModule } from "yargs";

const TYPES = ["stream.started", "stream.ended", "transcode.completed", "transcode.failed", "archive.created", "channel.auto_stopped"];

interface SampleArgs {
  type: string;
  json: boolean;
}

const sampleCommand: CommandModule<object, SampleArgs> = {
  command: "sample <type>",
  describe: "Print an example event of one type, valid against schemas/events.schema.json (for writing a handler)",
  builder: (y) =>
    y
      .positional("type", { type: "string", choices: TYPES, describe: "Event detail-type" })
      .option("json", { type: "boolean", default: false, describe: "Print only the event as JSON (no heading)" })
      .example("$0 media events sample stream.started", "The event a site receives when a stream goes live")
      .example("$0 media events sample transcode.failed --json > failed.json", "A fixture for a handler's test") as never,
  handler: async (args) => {
    const { sampleEvent } = await import("../../events/samples");
    const { printJson } = await import("../output");
    const event = sampleEvent(args.type as never);
    if (!args.json) process.stdout.write(`# ${args.type}: EventBridge event (source blackwell.media); its detail is described in schemas/events.schema.json\n`);
    printJson(event);
  },
};

interface SchemaArgs {
  types: boolean;
}

const schemaCommand: CommandModule<object, SchemaArgs> = {
  command: "schema",
  describe: "Print the event contract: the JSON Schema, or its TypeScript types",
  builder: (y) =>
    y
      .option("types", { type: "boolean", default: false, describe: "Print the generated TypeScript types instead" })
      .example("$0 media events schema > media-events.schema.json", "Validate events in your own handler")
      .example("$0 media events schema --types > media-events.d.ts", "Typed handlers (TypeScript)"),
  handler: async (args) => {
    const fs = await import("node:fs");
    const { projectPath } = await import("../../core/project-paths");
    process.stdout.write(
      fs.readFileSync(args.types ? projectPath("src", "types", "events.generated.ts") : projectPath("schemas", "events.schema.json"), "utf8"),
    );
  },
};

export const eventsCommand: CommandModule = {
  command: "events <command>",
  describe: "The pipeline events (stream.started, ...): example events and their contract",
  builder: (y) => y.command(sampleCommand).command(schemaCommand).demandCommand(1).example("$0 media events sample stream.started", "An example event"),
  handler: () => undefined,
};
