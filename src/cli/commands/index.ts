/**
 * The `blackwell media` commands. Each module here defines only its options; its handler imports
 * the implementation when it runs, so listing commands stays fast. One line per command.
 */
import type { CommandModule } from "yargs";
import { validateCommand } from "./validate";
import { listPipelinesCommand } from "./list-pipelines";
import { listProfilesCommand } from "./list-profiles";
import { createCommand } from "./create";
import { synthCommand } from "./synth";
import { costCommand } from "./cost";
import { embedCommand } from "./embed";
import { publishCommand } from "./publish";
import { deployTemplateCommand, destroyTemplateCommand, templateCommand } from "./fleet";
import { convertCommand } from "./convert";
import { archiveCommand } from "./archive";
import { clipCommand } from "./clip";
import { eventsCommand } from "./events";
import { configureCommand } from "./configure";
import { streamCommand } from "./stream";
import { doctorCommand } from "./doctor";
import { analyticsCommand } from "./analytics";
import { applyCommand, deployCommand, destroyCommand, planCommand, statusCommand } from "./terraform-workflow";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const mediaCommands: Array<CommandModule<any, any>> = [
  validateCommand,
  listPipelinesCommand,
  listProfilesCommand,
  createCommand,
  synthCommand,
  costCommand,
  embedCommand,
  planCommand,
  applyCommand,
  deployCommand,
  destroyCommand,
  statusCommand,
  publishCommand,
  templateCommand,
  deployTemplateCommand,
  destroyTemplateCommand,
  convertCommand,
  archiveCommand,
  clipCommand,
  eventsCommand,
  configureCommand,
  streamCommand,
  doctorCommand,
  analyticsCommand,
];
