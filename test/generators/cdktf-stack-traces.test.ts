/**
 * The cdktf creation-stack patch (generators/cdktf-stack-traces.ts): it is on after the generators load, it leaves the
 * modules' bytes alone, it refuses a captureStackTrace other than the audited one, and the cdktf code that records or
 * reads creation stacks is still exactly what was audited (a cdktf upgrade that changes any of it fails here).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as cdktfStackTrace from "cdktf/lib/tokens/private/stack-trace";
import { loadPipelines } from "../../src/core/definitions";
import { projectPath } from "../../src/core/project-paths";
import { renderModulesFor } from "../../src/synth/module-render";
import {
  NO_CREATION_STACK,
  applyCreationStackSetting,
  checkAuditedSource,
  probeCreationStacks,
  setCdktfCreationStacks,
} from "../../generators/cdktf-stack-traces";

const cdktfLib = path.dirname(require.resolve("cdktf/lib/index.js"));

/** Every line of cdktf's JavaScript that records or reads a creation stack: file (relative to lib/) and trimmed line. */
function creationStackSites(): string[] {
  const sites: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".js"))
        fs.readFileSync(full, "utf8")
          .split("\n")
          .forEach((line) => {
            if (/captureStackTrace|creationStack/.test(line) && !line.startsWith("//# sourceMappingURL"))
              sites.push(`${path.relative(cdktfLib, full)}: ${line.trim().slice(0, 90)}`);
          });
    }
  };
  walk(cdktfLib);
  return sites.sort();
}

afterEach(() => applyCreationStackSetting({}));

test("after the generators load, new tokens share the one 'not recorded' line instead of a stack each", () => {
  const [lazy, complex] = probeCreationStacks();
  expect(lazy).toBe(NO_CREATION_STACK);
  expect(complex).toBe(NO_CREATION_STACK);
  expect(Object.isFrozen(NO_CREATION_STACK)).toBe(true);
});

test("BLACKWELL_CDKTF_STACK_TRACES=1 gives cdktf's own stacks back, naming the code that made the token", () => {
  applyCreationStackSetting({ BLACKWELL_CDKTF_STACK_TRACES: "1" });
  const [lazy] = probeCreationStacks() as string[][];
  expect(lazy).not.toBe(NO_CREATION_STACK);
  expect(lazy.some((frame) => frame.includes("cdktf-stack-traces"))).toBe(true);
  applyCreationStackSetting({});
  expect(probeCreationStacks()[0]).toBe(NO_CREATION_STACK);
});

test("every example module has the same bytes with and without creation stacks", () => {
  const examples = loadPipelines([projectPath("examples")]).pipelines.map((p) => p.resolved);
  const bytes = () => renderModulesFor(examples).map((m) => [m.pipelineId, [...m.files.entries()]]);
  const without = bytes();
  setCdktfCreationStacks(true);
  expect(bytes()).toEqual(without);
  expect(without.length).toBeGreaterThanOrEqual(examples.length);
});

test("NEGATIVE: a captureStackTrace other than the audited one is refused with what to do", () => {
  setCdktfCreationStacks(true);
  const { captureStackTrace } = cdktfStackTrace;
  expect(() => checkAuditedSource(captureStackTrace)).not.toThrow();
  const changed = function captureStackTrace(below?: unknown) {
    return [String(below), "changed"];
  };
  expect(() => checkAuditedSource(changed)).toThrow(/cdktf changed what generators\/cdktf-stack-traces\.ts patches: captureStackTrace's source has SHA-256/);
  expect(() => checkAuditedSource(undefined)).toThrow(/no longer exports captureStackTrace/);
});

test("cdktf records and reads creation stacks only where audited (a cdktf upgrade that changes this must re-audit the patch)", () => {
  expect(creationStackSites()).toEqual([
    "complex-computed-list.js: this.creationStack = (0, stack_trace_1.captureStackTrace)();",
    "errors.js: const argToIntrinsicMustBePlainValue = (value, creationStack) => new Error(`You can only u",
    "terraform-dynamic-block.js: this.creationStack = (0, stack_trace_1.captureStackTrace)();",
    "terraform-dynamic-expression.js: this.creationStack = (0, stack_trace_1.captureStackTrace)();",
    "tokens/lazy.js: this.creationStack = (0, stack_trace_1.captureStackTrace)();",
    'tokens/private/intrinsic.js: return (0, errors_1.intrinsicNewError)(message, this.creationStack.join("\\n    at "));',
    "tokens/private/intrinsic.js: this.creationStack = (0, stack_trace_1.captureStackTrace)();",
    "tokens/private/intrinsic.js: throw (0, errors_1.argToIntrinsicMustBePlainValue)(value, this.creationStack);",
    "tokens/private/stack-trace.js: Error.captureStackTrace(object, below);",
    "tokens/private/stack-trace.js: below = below || captureStackTrace; // hide myself if nothing else",
    "tokens/private/stack-trace.js: exports.captureStackTrace = captureStackTrace;",
    "tokens/private/stack-trace.js: function captureStackTrace(below) {",
    "tokens/resolvable.js: if (t.creationStack && t.creationStack.length > 0) {",
    'tokens/resolvable.js: message += `\\nObject creation stack:\\n  at ${t.creationStack.join("\\n  at ")}`;',
  ]);
});
