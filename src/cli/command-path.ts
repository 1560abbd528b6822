/**
 * Unknown commands, caught before yargs runs: yargs shows the parent's help (exit 0) for
 * `blackwell media nope --help`, so a script could not tell a typo from success.
 */
import type { CommandModule } from "yargs";
import { closest } from "../core/problems";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = CommandModule<any, any>;

export interface CommandGroup {
  name: string;
  commands: Map<string, CommandGroup | undefined>;
}

const nameOf = (c: AnyCommand): string[] => {
  const spec = Array.isArray(c.command) ? c.command : [c.command ?? ""];
  const aliases = Array.isArray(c.aliases) ? c.aliases : c.aliases ? [c.aliases] : [];
  return [...spec, ...aliases].map((s) => s.split(/\s+/)[0]).filter(Boolean);
};

/** The subcommands a command's builder registers, found by running it on a recorder instead of yargs. */
function subcommandsOf(c: AnyCommand): AnyCommand[] {
  if (typeof c.builder !== "function") return [];
  const found: AnyCommand[] = [];
  const recorder: unknown = new Proxy(function () {}, {
    get: (_t, prop) =>
      prop === "command"
        ? (sub: unknown) => (found.push(...(Array.isArray(sub) ? sub : typeof sub === "object" ? [sub as AnyCommand] : [])), recorder)
        : () => recorder,
  });
  try {
    (c.builder as (y: unknown) => unknown)(recorder);
  } catch {
    return []; // a builder that needs real yargs: leave its subcommands to yargs
  }
  return found;
}

export function commandGroup(name: string, commands: AnyCommand[]): CommandGroup {
  const map = new Map<string, CommandGroup | undefined>();
  for (const c of commands) {
    const subs = subcommandsOf(c);
    const group = subs.length ? commandGroup(nameOf(c)[0], subs) : undefined;
    for (const n of nameOf(c)) map.set(n, group);
  }
  return { name, commands: map };
}

/**
 * The message for the first unknown command word in `argv`, or undefined. Only the word right after a
 * command group is a command; anything after an option is left to yargs.
 */
export function unknownCommandMessage(argv: string[], root: CommandGroup): string | undefined {
  let group: CommandGroup | undefined = root;
  let trail = root.name;
  for (const word of argv) {
    if (!group || word.startsWith("-")) return undefined;
    if (!group.commands.has(word)) {
      const known = [...group.commands.keys()];
      const suggestion = closest(word, known);
      return `unknown command '${word}' for '${trail}'; ${suggestion ? `did you mean '${suggestion}'? ` : ""}commands: ${known.join(", ")}`;
    }
    trail = `${trail} ${word}`;
    group = group.commands.get(word);
  }
  return undefined;
}
