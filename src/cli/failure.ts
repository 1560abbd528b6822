/** Turns any failure into a message and an exit code: 1 for the user's mistakes, 2 for ours. */
import { UserError, formatProblem } from "../core/problems";
import { jsonErrorOf, writeJsonError } from "./failure-json";

export function reportFailure(err: unknown, o: { json?: boolean } = {}): number {
  if (o.json) return writeJsonError(jsonErrorOf(err));
  // terraform already printed why; keep its exit code.
  if (err instanceof Error && err.name === "TerraformFailed") {
    process.stderr.write(`error: ${err.message}\n`);
    return (err as Error & { exitCode: number }).exitCode;
  }
  if (err instanceof UserError) {
    const errors = err.problems.filter((p) => p.severity === "error");
    if (err.problems.length === 0) process.stderr.write(`error: ${err.message}\n`);
    for (const p of err.problems) process.stderr.write(formatProblem(p) + "\n");
    if (errors.length > 1) process.stderr.write(`${errors.length} problems; nothing was written.\n`);
    return 1;
  }
  const e = err as Error;
  process.stderr.write(`internal error: ${e?.stack ?? String(err)}\nThis is a bug in blackwell; please report it with the command you ran.\n`);
  return 2;
}
