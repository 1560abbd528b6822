/**
 * Turns off the creation stack cdktf 0.21 records for every token and complex object.
 *
 * Why: `captureStackTrace` (cdktf/lib/tokens/private/stack-trace.js) takes an unlimited-depth stack trace and formats
 * it for every Lazy, Intrinsic/Reference, ComplexComputedList/ComplexObject and dynamic block or expression, so that
 * cdktf's own error messages can say where a broken token was made. A pipeline creates thousands of them: it was a
 * quarter of a 500-module synth (issue 20). cdktf has no setting for it (`App({ stackTraces: false })` covers
 * construct metadata only). The stacks never reach the synthesized JSON, so the modules' bytes do not change; only
 * cdktf's messages about a generator bug lose the "created at" lines (set BLACKWELL_CDKTF_STACK_TRACES=1 to keep
 * them while debugging one).
 *
 * How: the call sites read the function from the module's exports when they call it
 * (`(0, stack_trace_1.captureStackTrace)()`), so replacing that export is enough. It is applied only when the
 * function is the one audited here (its source's SHA-256) and then probed on real tokens; any difference throws at
 * start-up, so a cdktf upgrade cannot silently lose or mis-apply it. test/generators/cdktf-stack-traces.test.ts also
 * pins the list of cdktf files that record or read creation stacks.
 */
import { createHash } from "node:crypto";
import { ComplexObject, Lazy } from "cdktf";

/** The module whose export is replaced (a deep path resolves: cdktf has no `exports` map). */
export const STACK_TRACE_MODULE = "cdktf/lib/tokens/private/stack-trace";
/** SHA-256 of cdktf 0.21.0's `captureStackTrace.toString()`, the function audited for this patch. */
export const AUDITED_SOURCE_SHA256 = "4b92f5ee4e8121d22119163f3879f66780d7caa51974b68cbf1421829f32e047";

/** What every token's creationStack becomes: one shared frozen line that says why it is empty. */
export const NO_CREATION_STACK: readonly string[] = Object.freeze([
  "(creation stack not recorded: Blackwell turns it off for speed; set BLACKWELL_CDKTF_STACK_TRACES=1 to record it)",
]);

interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

const noCreationStack = () => NO_CREATION_STACK as string[];

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a cdktf-internal module, not part of its typed API
const cdktfStackTrace = require("cdktf/lib/tokens/private/stack-trace") as StackTraceModule;
const original = cdktfStackTrace.captureStackTrace;

function failure(what: string): Error {
  return new Error(
    `cdktf changed what generators/cdktf-stack-traces.ts patches: ${what}. Re-audit ${STACK_TRACE_MODULE} and its callers for this cdktf version, ` +
      `then update the patch and AUDITED_SOURCE_SHA256 (or run with BLACKWELL_CDKTF_STACK_TRACES=1 meanwhile)`,
  );
}

/** Throws unless `fn` is the audited captureStackTrace. */
export function checkAuditedSource(fn: unknown): void {
  if (typeof fn !== "function") throw failure(`${STACK_TRACE_MODULE} no longer exports captureStackTrace`);
  const sha = createHash("sha256").update(Function.prototype.toString.call(fn)).digest("hex");
  if (sha !== AUDITED_SOURCE_SHA256) throw failure(`captureStackTrace's source has SHA-256 ${sha}, not the audited ${AUDITED_SOURCE_SHA256}`);
}

/** The creation stacks of freshly made tokens of two kinds (a Lazy, a complex object). */
export function probeCreationStacks(): unknown[] {
  const lazy = Lazy.anyValue({ produce: () => null }) as unknown as { creationStack?: unknown };
  // A complex object only stores its resource and attribute when made; nothing here is resolved.
  const complex = new ComplexObject(undefined as never, "probe", false) as unknown as { creationStack?: unknown };
  return [lazy.creationStack, complex.creationStack];
}

/**
 * Records creation stacks (cdktf's behaviour) or not. Turning them off checks the audited source first and probes
 * tokens afterwards; either failing throws.
 */
export function setCdktfCreationStacks(record: boolean): void {
  if (record) {
    cdktfStackTrace.captureStackTrace = original;
    return;
  }
  checkAuditedSource(original);
  cdktfStackTrace.captureStackTrace = noCreationStack;
  const probed = probeCreationStacks();
  if (probed.some((stack) => stack !== NO_CREATION_STACK)) {
    cdktfStackTrace.captureStackTrace = original;
    throw failure("tokens made after the patch still record their own creation stack");
  }
}

/** The start-up choice: off, unless BLACKWELL_CDKTF_STACK_TRACES=1 asks for cdktf's stacks. */
export function applyCreationStackSetting(env: NodeJS.ProcessEnv = process.env): void {
  setCdktfCreationStacks(env.BLACKWELL_CDKTF_STACK_TRACES === "1");
}
