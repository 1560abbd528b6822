/**
 * Issue 15, proof: the definition parser and checks on random bytes and random structures, in-process. Every input
 * either loads or fails with a UserError whose problems name the file and a JSON path; never another exception
 * (which the CLI would print as a stack trace with exit 2).
 */
import fc from "fast-check";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadPipelines } from "../../src/core/definitions";
import { UserError } from "../../src/core/problems";
import { SEED_DEFINITION } from "../support/seed-definition";

const seed = SEED_DEFINITION;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-fuzz-"));

/** Loads `content` as a definition file named `name`; fails the property on anything but success or a UserError with located problems. */
function loadsOrExplains(name: string, content: string | Uint8Array): void {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  try {
    loadPipelines([file]);
  } catch (err) {
    if (!(err instanceof UserError))
      throw new Error(`not a UserError for ${JSON.stringify(Buffer.from(content).toString("utf8").slice(0, 200))}: ${(err as Error)?.stack}`);
    for (const p of err.problems) {
      expect(p.file).toBe(file);
      expect(p.path).toMatch(/^\$/);
      expect(p.message.length).toBeGreaterThan(0);
    }
  }
}

const extension = fc.constantFrom("p.json", "p.yaml", "p.yml");
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
  ),
})).value;

test("random bytes, as JSON and as YAML", () => {
  fc.assert(
    fc.property(extension, fc.uint8Array({ maxLength: 300 }), (name, bytes) => loadsOrExplains(name, bytes)),
    { numRuns: 400, seed: 15 },
  );
});

test("random text near the syntax: brackets, quotes, BOMs, anchors, duplicate keys", () => {
  const token = fc.constantFrom(
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    '"',
    "'",
    "\uFEFF",
    "&a",
    "*a",
    "- ",
    "\n",
    "  ",
    '"tier"',
    '"pipeline_id"',
    "null",
    "1e999",
    "-0",
    "\\u0000",
    "!!binary",
    "<<: *a",
    "? ",
    "#",
  );
  fc.assert(
    fc.property(extension, fc.array(fc.oneof(token, fc.string({ maxLength: 5 })), { maxLength: 60 }), (name, parts) => loadsOrExplains(name, parts.join(""))),
    { numRuns: 400, seed: 16 },
  );
});

test("random structures: any JSON value, and a valid definition with random values and keys at any depth", () => {
  fc.assert(
    fc.property(anyValue, (value) => loadsOrExplains("v.json", JSON.stringify(value) ?? "null")),
    { numRuns: 300, seed: 17 },
  );
  const mutation = fc.record({
    key: fc.oneof(
      fc.constantFrom(...Object.keys(seed), "sources", "outputs", "tags", "usage", "vod", "template_id", "creators", "defaults", "shared"),
      fc.string(),
    ),
    value: anyValue,
  });
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutations, yaml) => {
      const doc: Record<string, unknown> = { ...seed };
      for (const m of mutations) doc[m.key] = m.value;
      loadsOrExplains(yaml ? "m.yaml" : "m.json", JSON.stringify(doc)); // JSON is YAML too
    }),
    { numRuns: 300, seed: 18 },
  );
});
