/** With --json, a failure is one JSON document on stderr, `{"error": {...}}`, with the same exit codes as the text form. */
import { UserError } from "../core/problems";
import { awsFailureLine } from "../aws/errors";

export interface JsonError {
  kind: "user" | "terraform" | "usage" | "aws" | "internal";
  message: string;
  exit_code: number;
  problems?: unknown[];
}

export function jsonErrorOf(err: unknown): JsonError {
  if (err instanceof Error && err.name === "TerraformFailed")
    return { kind: "terraform", message: err.message, exit_code: (err as Error & { exitCode: number }).exitCode };
  if (err instanceof UserError) return { kind: "user", message: err.message, exit_code: 1, ...(err.problems.length ? { problems: err.problems } : {}) };
  // The same one line as without --json (credentials, region, permissions, throttling, state): the user's to fix.
  const aws = awsFailureLine(err);
  if (aws !== undefined) return { kind: "aws", message: aws, exit_code: 1 };
  return {
    kind: "internal",
    message: `${(err as Error)?.message ?? String(err)} (a bug in blackwell; please report it with the command you ran)`,
    exit_code: 2,
  };
}

export function writeJsonError(error: JsonError): number {
  process.stderr.write(JSON.stringify({ error }) + "\n");
  return error.exit_code;
}

/** Whether the command line asks for JSON (before or after yargs has parsed it). */
export const wantsJson = (argv: string[]): boolean => argv.some((a) => a === "--json" || a === "--json=true");
